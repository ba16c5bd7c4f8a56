// libsystemd's service-manager and journal APIs, for Swift.
//
// sd_notifyf, sd_journal_send and sd_journal_print are variadic and cannot be
// called from Swift: followupd uses sd_notify (a preformatted state string)
// and sd_journal_sendv (an array of "FIELD=value" iovecs) instead. Location
// fields are added by the Swift side (CODE_FILE, CODE_LINE, CODE_FUNC), so the
// header's location-adding macros are turned off.
#ifndef FOLLOWUPD_CSYSTEMD_SHIM_H
#define FOLLOWUPD_CSYSTEMD_SHIM_H

#define SD_JOURNAL_SUPPRESS_LOCATION 1
#include <systemd/sd-daemon.h>
#include <systemd/sd-journal.h>
#include <sys/uio.h>

#endif
