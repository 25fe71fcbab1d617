#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Screenshots of the real Wireshark GUI (Qt) with the freshly built plugin,
# each window opened the way a student opens it, in English and in Japanese
# (tlstutor.language:ja), LANG = en or ja:
#   docs/img/gui-LANG.png    packet details: the tutor's subtree, one message
#                            expanded (CAPTURE, STEP)
#   docs/img/stats-LANG.png  Statistics > TLS Handshake Tutor (-z tlstutor,tree)
#   docs/img/flow-LANG.png   Statistics > Flow Graph, flow type "TLS Handshake
#                            Tutor" (-z flow,tlstutor,standard: the ladder)
# The last two on a class capture: the CLASS captures merged (8 connections).
#
# Usage: docs/screenshots/make.sh            (as root, or a user with sudo)
#   CAPTURE=tls12-ecdhe-rsa STEP=3 docs/screenshots/make.sh   (the defaults)
#   VIEWS="stats flow" docs/screenshots/make.sh                (only those)
#   docs/screenshots/make.sh --check   opens and checks every window, writes
#                                      no image (CI)
#
# Wireshark runs under Xvfb, as user nobody when started as root (Wireshark as
# root ignores WIRESHARK_PLUGIN_DIR), with a private plugin folder (the system
# one plus build/tlstutor.so, made by tests/tshark.py) and an empty HOME that
# holds only the window geometry below. tshark first checks that the frame
# shown carries the tutor message and that the statistics count the class
# capture's connections; xdotool then works the GUI by keyboard (menus by
# accelerator, windows found by title), and ImageMagick grabs the screen.
set -euo pipefail

CHECK=
case "${1:-}" in
  --check) CHECK=1 ;;
  "") ;;
  *) echo "usage: $0 [--check]" >&2; exit 2 ;;
esac

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CAPTURE=${CAPTURE:-tls12-ecdhe-rsa}
STEP=${STEP:-3}
VIEWS=${VIEWS:-gui stats flow}   # which windows, of gui stats flow
W=1400 H=820          # screen = window size; the window is placed at 0,0
UPPER_PANE=175        # packet list height in pixels (the filter keeps 8 rows)
# The class capture: a full TLS 1.2 handshake with a client certificate, TLS
# 1.3 with HelloRetryRequest, resumption by session ID and by PSK (each after
# its full handshake), a failure (unknown_ca) and a close mid-handshake.
CLASS=(tls12-client-cert tls13-hrr tls12-resumed-id tls13-psk
       tls12-alert-unknown-ca tls12-closed-mid-handshake)
CLASS_CONNECTIONS=8
STATS_W=1000 STATS_H=660   # the statistics window, placed at 0,0 (all 31 rows)
FLOW_TYPE_X=736 FLOW_TYPE_Y=765   # the Flow Graph's "Flow type" box at W x H
PKGS=(wireshark-qt tshark xvfb xdotool imagemagick fonts-dejavu-core fonts-ipafont-gothic python3)

log() { printf '%s\n' "make.sh: $*" >&2; }
die() { log "FAILED: $*"; exit 1; }

SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo

# --- packages -------------------------------------------------------------
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  # wireshark-common asks whether dumpcap should be setuid: no.
  echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- plugin ---------------------------------------------------------------
SO=$ROOT/build/tlstutor.so
if [ ! -f "$SO" ]; then
  log "building the plugin"
  "$ROOT/packaging/deps.sh" build
  cmake -S "$ROOT" -B "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$ROOT/build" -j2 >/dev/null
fi

# --- clean-up on any exit -------------------------------------------------
WORK=$(mktemp -d /tmp/tlstutor-shots.XXXXXX)
chmod 755 "$WORK"          # user nobody reads the plugin folder and capture in it
XVFB_PID= GUI_PID=
# A process of ours ends: TERM, then KILL after 5 s (Wireshark may stay with a
# dialog open), and reaped, so that nothing outlives the script.
running() { local state; state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) && [ "$state" != Z ]; }
end_process() {   # end_process PID
  kill "$1" 2>/dev/null || true
  for _ in $(seq 50); do running "$1" || break; sleep 0.1; done
  kill -KILL "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  [ -z "$GUI_PID" ] || end_process "$GUI_PID"
  [ -z "$XVFB_PID" ] || end_process "$XVFB_PID"
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- which frame, checked with tshark -------------------------------------
# Sets PLUGIN_DIR PCAP KEYS FRAME INDEX COUNT MSG; exits if the tutor is absent.
# Also CLASS_PCAP CLASS_KEYS, the class capture, or exits if miscounted.
vars=$(python3 "$ROOT/docs/screenshots/target.py" "$WORK/ts" "$SO" "$CAPTURE" "$STEP" \
       class "$CLASS_CONNECTIONS" "${CLASS[@]}") ||
  die "tshark does not show the tutor message to photograph or the class capture"
eval "$vars"
log "showing frame $FRAME, tutor message $((INDEX + 1)) of $COUNT ($MSG, step $STEP)"

# --- X server -------------------------------------------------------------
Xvfb -displayfd 3 -screen 0 "${W}x${H}x24" -nolisten tcp 3>"$WORK/display" 2>"$WORK/xvfb.log" &
XVFB_PID=$!
for _ in $(seq 100); do [ -s "$WORK/display" ] && break; sleep 0.1; done
[ -s "$WORK/display" ] || die "Xvfb did not start: $(cat "$WORK/xvfb.log")"
export DISPLAY=:$(cat "$WORK/display")

# Screen content hash; the screen is settled when it stays the same.
screen_hash() { import -display "$DISPLAY" -window root rgb:- | md5sum; }
wait_settled() {
  local last= same=0 h
  for _ in $(seq 60); do                  # at most ~30 s
    h=$(screen_hash)
    if [ "$h" = "$last" ]; then same=$((same + 1)); [ $same -ge 2 ] && return 0; else same=0; fi
    last=$h; sleep 0.3
  done
  die "the screen did not settle: $1"
}

grab() {    # grab FILE [WxH]: the screen, or its top left corner
  import -display "$DISPLAY" -window root ${2:+-crop "$2+0+0" +repage} "$1"
}
changed() { # changed A B [GEOMETRY]: how many pixels differ (in that region)
  local a=$1 b=$2
  if [ -n "${3:-}" ]; then
    convert "$1" -crop "$3" +repage "$WORK/region-a.png"; a=$WORK/region-a.png
    convert "$2" -crop "$3" +repage "$WORK/region-b.png"; b=$WORK/region-b.png
  fi
  compare -metric AE "$a" "$b" null: 2>&1 | awk '{ print int($1) }' || true
}
ink() {     # ink FILE GEOMETRY: pixels that are not white in that region
  convert "$1" -crop "$2" +repage -fuzz 10% -fill black +opaque white \
    -format '%[fx:int(w*h*(1-mean)+0.5)]' info:
}
colours() { convert "$1" -format %k info:; }


# --- Wireshark --------------------------------------------------------------
RUNS=0 GUI_LOG=
start_gui() {   # start_gui LANG ARGS...: Wireshark on a fresh HOME; sets MAIN_WIN
  local lang=$1 home n win=
  shift
  RUNS=$((RUNS + 1))
  home=$WORK/home-$RUNS GUI_LOG=$WORK/gui-$RUNS.log
  mkdir -p "$home/.config/wireshark" "$home/run"
  chmod 700 "$home/run"
  # Only window geometry and panes: no packet bytes pane, short packet list.
  printf '%s\n' "gui.geometry_main_x: 0" "gui.geometry_main_y: 0" \
    "gui.geometry_main_width: $W" "gui.geometry_main_height: $H" \
    "gui.geometry_main_maximized: FALSE" "privs.warn_if_elevated: FALSE" \
    "sys.warn_if_no_capture: FALSE" >"$home/.config/wireshark/recent_common"
  printf '%s\n' "gui.packet_list_show: TRUE" "gui.tree_view_show: TRUE" \
    "gui.byte_view_show: FALSE" "gui.packet_diagram_show: FALSE" \
    "gui.geometry_main_upper_pane: $UPPER_PANE" >"$home/.config/wireshark/recent"
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    chown -R 65534:65534 "$home"
    run=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
  "${run[@]}" env -i PATH=/usr/bin:/bin HOME="$home" XDG_RUNTIME_DIR="$home/run" \
    DISPLAY="$DISPLAY" LANG=C.UTF-8 TZ=UTC WIRESHARK_PLUGIN_DIR="$PLUGIN_DIR" \
    wireshark -o "tlstutor.language:$lang" "$@" >"$GUI_LOG" 2>&1 &
  GUI_PID=$!

  for _ in $(seq 60); do                  # at most ~30 s
    kill -0 "$GUI_PID" 2>/dev/null || die "wireshark exited: $(cat "$GUI_LOG")"
    win=$(xdotool search --onlyvisible --class wireshark 2>/dev/null | head -1) || true
    [ -n "$win" ] && break
    sleep 0.5
  done
  [ -n "$win" ] || die "no Wireshark window within 30 s"
  wait_settled "after opening the capture ($lang)"
  n=$(xdotool search --onlyvisible --class wireshark | wc -l)
  [ "$n" -eq 1 ] || die "$n Wireshark windows are visible: a dialog is open ($lang)"
  MAIN_WIN=$win
}

stop_gui() {
  end_process "$GUI_PID"; GUI_PID=
}

# Opens the Statistics menu (Alt+S) of the main window and presses KEYS in it.
# Without a window manager the focus is set by hand; Alt+S is pressed again
# (up to 3 times) while the screen shows no menu.
statistics_menu() {   # statistics_menu KEYS...
  local before now=
  before=$(screen_hash)
  for _ in 1 2 3; do
    xdotool windowfocus --sync "$MAIN_WIN" key alt+s
    wait_settled "after opening the Statistics menu"
    now=$(screen_hash)
    [ "$now" != "$before" ] && break
  done
  [ "$now" != "$before" ] || die "the Statistics menu does not open"
  xdotool key --delay 100 "$@"
}

# The window whose title matches TITLE (a regular expression), placed at 0,0
# with size WxH; dies when it does not open within 30 s.
open_window() {   # open_window TITLE WIDTH HEIGHT; sets WIN
  WIN=
  for _ in $(seq 60); do
    WIN=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -1) || true
    [ -n "$WIN" ] && break
    sleep 0.5
  done
  [ -n "$WIN" ] || die "no window titled '$1' within 30 s; open: $(window_titles)"
  xdotool windowsize --sync "$WIN" "$2" "$3" windowmove --sync "$WIN" 0 0
  xdotool mousemove 0 $((H - 1))          # no hover highlight or tooltip
  wait_settled "after opening '$1'"
}
window_titles() {
  xdotool search --onlyvisible --class wireshark 2>/dev/null |
    while read -r w; do printf "'%s' " "$(xdotool getwindowname "$w")"; done
}

# --- the three views --------------------------------------------------------
# Each writes $WORK/VIEW-LANG.png and dies when the window shows nothing.

# The packet details: Home then Page Down selects the last top-level item, the
# tutor (a postdissector, so after every other protocol); Right opens it,
# Down x N moves to the message, Shift+Right expands it with its subtrees.
view_gui() {   # view_gui LANG
  local lang=$1 n
  start_gui "$lang" -r "$PCAP" -o "tls.keylog_file:$KEYS" -Y tlstutor -g "$FRAME"
  # Focus the packet details pane by clicking its empty lower part.
  xdotool mousemove --window "$MAIN_WIN" $((W / 2)) $((H - 80)) click 1
  xdotool key --delay 150 Home Next
  wait_settled "after selecting the tutor ($lang)"
  grab "$WORK/collapsed-$lang.png"
  xdotool key --delay 150 Right $(printf 'Down %.0s' $(seq $((INDEX + 1)))) shift+Right
  xdotool mousemove 0 $((H - 1))
  wait_settled "after expanding the tutor ($lang)"
  grab "$WORK/gui-$lang.png"
  stop_gui
  # The expansion must have added rows to the details pane.
  n=$(changed "$WORK/collapsed-$lang.png" "$WORK/gui-$lang.png")
  [ "${n:-0}" -gt 20000 ] || die "expanding the tutor changed only ${n} pixels ($lang)"
  log "packet details ($lang): expanding changed $n pixels"
}

# Statistics > TLS Handshake Tutor: the menu's last entry (Up from the first
# wraps to it), since Wireshark lists the plugins' statistics trees last.
view_stats() {   # view_stats LANG
  local lang=$1 n
  start_gui "$lang" -r "$CLASS_PCAP" -o "tls.keylog_file:$CLASS_KEYS"
  statistics_menu Up Return
  open_window "^Wireshark · TLS Handshake Tutor · " "$STATS_W" "$STATS_H"
  grab "$WORK/stats-$lang.png" "${STATS_W}x${STATS_H}"
  stop_gui
  # One connection gives 18 rows, the class capture's 8 of different kinds
  # 31. Rows 21 to 29 (17 pixels each) must hold text.
  n=$(ink "$WORK/stats-$lang.png" 360x150+12+375)
  [ "$n" -gt 1000 ] || die "the statistics tree is short or empty: $n pixels of text in rows 21-29 ($lang)"
  log "statistics ($lang): $n pixels of text in rows 21-29"
}

# Statistics > Flow Graph: the 17th entry of Wireshark 4.0's Statistics menu
# (the title check catches another Wireshark). Its "Flow type" box is clicked
# open, "TLS H" typed (Qt selects the entry that starts so) and Return.
view_flow() {   # view_flow LANG
  local lang=$1 n
  start_gui "$lang" -r "$CLASS_PCAP" -o "tls.keylog_file:$CLASS_KEYS"
  statistics_menu $(printf 'Down %.0s' $(seq 16)) Return
  open_window "^Wireshark · Flow · " "$W" "$H"
  grab "$WORK/all-flows-$lang.png"
  xdotool mousemove "$FLOW_TYPE_X" "$FLOW_TYPE_Y" click 1
  wait_settled "after opening the flow types ($lang)"
  xdotool type --delay 50 "TLS H"
  xdotool key Return mousemove 0 $((H - 1))
  wait_settled "after choosing the tutor's flow type ($lang)"
  grab "$WORK/flow-$lang.png"
  stop_gui
  # The diagram (arrows and their coloured rows) must have changed from "All
  # Flows" and must not be empty.
  n=$(changed "$WORK/all-flows-$lang.png" "$WORK/flow-$lang.png" 990x630+115+60)
  [ "${n:-0}" -gt 20000 ] || die "the tutor's flow type changed only ${n} pixels of the diagram ($lang)"
  n=$(ink "$WORK/flow-$lang.png" 990x630+115+60)
  [ "$n" -gt 100000 ] || die "the tutor's flow graph is empty: $n pixels ($lang)"
  log "flow graph ($lang): $n pixels of diagram"
}

# --- run them ---------------------------------------------------------------
for view in $VIEWS; do
  for lang in en ja; do "view_$view" "$lang"; done
  # The tutor's words are in the image: the Japanese one must differ (a
  # missing plugin, language or flow type would show both alike).
  n=$(changed "$WORK/$view-en.png" "$WORK/$view-ja.png")
  [ "${n:-0}" -gt 5000 ] || die "$view: English and Japanese differ in only ${n} pixels"
  for lang in en ja; do
    n=$(colours "$WORK/$view-$lang.png")
    [ "$n" -gt 50 ] || die "$view-$lang: the screenshot has only $n colours"
    [ -n "$CHECK" ] && continue
    out=$ROOT/docs/img/$view-$lang.png
    mkdir -p "$(dirname "$out")"
    convert "$WORK/$view-$lang.png" -strip -define png:compression-level=9 "$out"
    log "wrote $out ($(stat -c %s "$out") bytes)"
  done
done
[ -z "$CHECK" ] || log "checked: packet details, statistics and Flow Graph open with the tutor's content in English and Japanese"
