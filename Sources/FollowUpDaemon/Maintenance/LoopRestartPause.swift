/// How long a service loop waits after `failures` failed rounds in a row
/// (a full disk, a locked database) before trying again: 1 s, 2 s, 4 s …
/// up to 30 s, so a lasting fault neither spins nor stalls recovery for long.
func loopRestartPause(afterFailures failures: Int) -> Double {
    min(30.0, 0.5 * Double(1 << min(failures, 6)))
}
