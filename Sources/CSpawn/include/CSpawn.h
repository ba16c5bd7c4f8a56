// glibc's posix_spawn extensions that Swift's Glibc module leaves out (they
// need _GNU_SOURCE), for the programs followupd and its tests start.
#ifndef FOLLOWUPD_CSPAWN_H
#define FOLLOWUPD_CSPAWN_H

#include <spawn.h>

/// Adds "close every descriptor from `from` up" to `actions`, so a spawned
/// program inherits only what the other actions give it (a descriptor opened
/// without close-on-exec by a library, or a pipe another thread is setting up,
/// would otherwise live as long as the program and whatever it leaves running).
/// Returns 0, or an errno value (ENOSYS where the C library lacks it).
int followupd_spawn_close_from(posix_spawn_file_actions_t *actions, int from);

#endif
