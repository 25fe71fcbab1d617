# SPDX-License-Identifier: GPL-2.0-or-later
# -DTLSTUTOR_SANITIZE=address,undefined (any list -fsanitize= accepts) builds
# the plugin, the core library and the pure-C checks with those sanitizers.
# Included before the targets are defined, so add_compile_options and
# add_link_options reach all of them.
#
# The plugin is a MODULE that tshark (not sanitized) loads: with GCC it
# records libasan/libubsan as needed libraries, which must come first in the
# process, so run tshark with LD_PRELOAD="$(gcc -print-file-name=libasan.so)
# $(gcc -print-file-name=libubsan.so)" (tests/robustness/run.sh does).
set(TLSTUTOR_SANITIZE "" CACHE STRING
    "Sanitizers to build with, as for -fsanitize= (e.g. address,undefined); empty: none")

if(TLSTUTOR_SANITIZE)
  string(REPLACE ";" "," _tt_san "${TLSTUTOR_SANITIZE}")
  message(STATUS "Sanitizers: ${_tt_san}")
  # Frame pointers give whole stacks in reports; -g gives lines.
  add_compile_options(-fsanitize=${_tt_san} -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${_tt_san})
  if(_tt_san MATCHES "undefined")
    # A UBSan finding stops the process (abort), so that no run can pass
    # with a report only in its stderr.
    add_compile_options(-fno-sanitize-recover=undefined)
  endif()
  unset(_tt_san)
endif()
