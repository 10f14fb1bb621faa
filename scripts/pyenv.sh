# Shared by scripts/notebooks, scripts/cluster-smoke and the tests that read the output with Python
# (sourced): a Python virtual environment with exactly the packages of notebooks/requirements.txt
# (DuckDB, pandas, pyarrow, polars, matplotlib, Jupyter's notebook executor and their dependencies,
# every one pinned with ==).
# Installed once into $MRRLAKE_VENV (default ~/.cache/mrrlake/venv) and reinstalled when the
# requirements file changes. Wheels come from $MRRLAKE_WHEELS (default /opt/pypi/files) with
# --no-index when that folder exists, else from the package index pip is set up for.

MRRLAKE_PY_REQUIREMENTS="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/notebooks/requirements.txt"

# Prints the venv's folder; installs it first when missing or out of date. Messages go to stderr.
mrrlake_pyenv() {
  local venv="${MRRLAKE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mrrlake/venv}"
  local stamp="$venv/.mrrlake-requirements"
  local wheels="${MRRLAKE_WHEELS:-/opt/pypi/files}"
  local wanted
  wanted="$(sha256sum "$MRRLAKE_PY_REQUIREMENTS" | cut -d' ' -f1)"
  # Tests, scripts/notebooks and scripts/cluster-smoke may start at once on a fresh machine (a
  # developer's terminals, parallel CI jobs): one installs, the others wait for it and then use it.
  mkdir -p "$(dirname "$venv")"
  (
    flock 9
    if [[ -x "$venv/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "$wanted" ]]; then
      exit 0
    fi
    echo "mrrlake: installing $MRRLAKE_PY_REQUIREMENTS into $venv ..." >&2
    rm -f "$stamp"
    python3 -m venv "$venv" >&2
    local source=()
    [[ -d "$wheels" ]] && source=(--no-index --find-links "$wheels")
    "$venv/bin/pip" install -q --disable-pip-version-check "${source[@]}" -r "$MRRLAKE_PY_REQUIREMENTS" >&2
    echo "$wanted" > "$stamp"
  ) 9>"$venv.lock" || return 1
  echo "$venv"
}
