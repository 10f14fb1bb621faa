"""moto_server with one fix for Hadoop's S3A (AWS SDK v1) clients.

moto 5.x answers CompleteMultipartUpload with a <CompleteMultipartUploadResponse> root element; S3
(and the SDK v1 parser S3A uses) name it <CompleteMultipartUploadResult>. The SDK then finds neither
a result nor an error and fails with a NullPointerException, so every multipart upload (every S3A
committer commit) fails. This renames the root element and otherwise runs moto_server unchanged:
    python3 moto_s3_server.py -H 127.0.0.1 -p PORT
"""
import sys

from moto.s3.responses import S3Response
from moto.server import main

_original = S3Response._key_response_post


def _key_response_post(self, *args, **kwargs):
    status, headers, body = _original(self, *args, **kwargs)
    if isinstance(body, (bytes, str)):
        was_bytes = isinstance(body, bytes)
        text = body.decode("utf-8") if was_bytes else body
        if "<CompleteMultipartUploadResponse" in text:
            text = text.replace("CompleteMultipartUploadResponse", "CompleteMultipartUploadResult")
            body = text.encode("utf-8") if was_bytes else text
            if headers and "Content-Length" in headers:
                headers["Content-Length"] = str(len(body))
    return status, headers, body


S3Response._key_response_post = _key_response_post

if __name__ == "__main__":
    main(sys.argv[1:])
