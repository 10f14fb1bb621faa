package io.mrrlake.testing;

import java.util.concurrent.TimeUnit;

/** Sends a POSIX signal to processes a test started (a server frozen with STOP and thawed with CONT). */
public final class Signals {
    private Signals() {}

    /** Signals each process; one that has ended meanwhile (a backend closing its connection) is passed over. */
    public static void send(String signal, long... pids) throws Exception {
        for (long pid : pids) {
            Process p = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
            boolean done = p.waitFor(10, TimeUnit.SECONDS);
            if ((!done || p.exitValue() != 0) && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed: " + new String(p.getInputStream().readAllBytes()));
            }
        }
    }
}
