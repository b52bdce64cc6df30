/* SPDX-License-Identifier: MIT */
/*
 * Opening a source's URL in the user's browser (the viewer's 'o', SPEC
 * section 5).  Plain C, no curses, never prints.
 *
 * Only http and https URLs with no control character, blank or invisible
 * formatting character are opened.  The browser is $BROWSER if set and
 * not empty, else xdg-open.  $BROWSER may list commands separated by ':'
 * (each tried in turn until one starts); a command is split on blanks
 * into words -- no shell ever sees it or the URL -- and the URL is one
 * more argument, or replaces a word that is exactly "%s".
 *
 * The browser runs detached (its own process group's grandchild of the
 * caller, input and output on /dev/null, never waited for), so a viewer's
 * screen stays as it was and no zombie is left.
 */
#ifndef TLV_LAUNCH_H
#define TLV_LAUNCH_H

#include <stdbool.h>

/* Is url one that 'o' opens?  If not, *why says why (static text). */
bool	 launch_url_ok(const char *url, const char **why);

/*
 * Start the browser on url (which must pass launch_url_ok).  browser: the
 * $BROWSER value, or NULL for xdg-open.  True once a command has started
 * (its exec succeeded), with *used (malloc'd) its name; false with *err
 * (malloc'd) when none could.
 */
bool	 launch_browser(const char *url, const char *browser, char **used,
	    char **err);

#endif
