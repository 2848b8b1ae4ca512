//! What the benchmarks share: running catscan as a user does and measuring its peak memory.

use std::process::Command;

/// Runs a command and returns its exit status and peak resident set size in KiB.
// The child is reaped by `wait4`, which std's `Child::wait` cannot do with resource usage.
#[allow(clippy::zombie_processes)]
pub fn run_measured(program: &str, args: &[&str]) -> (i32, i64) {
    use std::os::unix::process::CommandExt as _;
    let mut command = Command::new(program);
    command.args(args);
    // Forced to fork rather than vfork: a vforked child shares this process's memory map until
    // it executes catscan, and Linux then counts this process's own peak (it has read the
    // benchmark file for the floor) as the child's maximum resident set size.
    // SAFETY: the hook does nothing; its presence alone makes std fork and exec.
    unsafe {
        command.pre_exec(|| Ok(()));
    }
    let child = command.spawn().expect("catscan starts");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: plain wait4 on our own child; rusage is fully written by the call.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &raw mut status, 0, &raw mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}
