# SPDX-License-Identifier: MIT
# Fitting the system: the man page, a sample configuration, the bash
# completion, their tests, and 'make installcheck' (which distcheck runs)
# checking the installed layout.

dist_man1_MANS = doc/tlv.1
dist_doc_DATA = doc/config.sample

TESTS += tests/man.sh tests/completion.sh
EXTRA_DIST += completion/tlv.bash tests/man.sh tests/completion.sh \
	tests/installcheck.sh

# The completion is installed as 'tlv', the first name bash-completion's
# loader tries.  bashcompletiondir comes from configure (empty: none).
install-data-local: install-bash-completion
uninstall-local: uninstall-bash-completion

install-bash-completion:
	@if test -n '$(bashcompletiondir)'; then \
	  echo " $(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)'"; \
	  $(MKDIR_P) '$(DESTDIR)$(bashcompletiondir)' || exit 1; \
	  echo " $(INSTALL_DATA) completion/tlv.bash '$(DESTDIR)$(bashcompletiondir)/tlv'"; \
	  $(INSTALL_DATA) '$(srcdir)/completion/tlv.bash' \
	    '$(DESTDIR)$(bashcompletiondir)/tlv' || exit 1; \
	fi

uninstall-bash-completion:
	@if test -n '$(bashcompletiondir)'; then \
	  rm -f '$(DESTDIR)$(bashcompletiondir)/tlv'; \
	fi

# Every installed file is where it belongs, and the installed tlv finds
# its bundled timelines under pkgdatadir.
installcheck-local:
	$(SHELL) '$(srcdir)/tests/installcheck.sh' '$(DESTDIR)' \
	  '$(bindir)/tlv$(EXEEXT)' '$(man1dir)/tlv.1' \
	  '$(docdir)/config.sample' '$(pkgdatadir)/timelines' \
	  '$(bashcompletiondir)'


# After changing the action table (src/action.h): rewrite the KEYS list of
# the man page from 'tlv keys', then review 'git diff doc/tlv.1'.
update-man-keys: src/tlv$(EXEEXT)
	src/tlv$(EXEEXT) keys >doc-keys.tmp
	awk -v keys=doc-keys.tmp \
	  '/^\.\\" END KEYS/ { while ((getline l < keys) > 0) print l; skip = 0 } \
	   !skip { print } \
	   /^\.\\" BEGIN KEYS/ { skip = 1 }' \
	  '$(srcdir)/doc/tlv.1' >doc-tlv.1.tmp
	mv doc-tlv.1.tmp '$(srcdir)/doc/tlv.1'
	rm -f doc-keys.tmp

.PHONY: install-bash-completion uninstall-bash-completion update-man-keys
