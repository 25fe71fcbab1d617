#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Screenshots of the real Wireshark GUI (Qt) with the freshly built plugin:
# docs/img/gui-en.png and docs/img/gui-ja.png (tlstutor.language:ja).
#
# Usage: docs/screenshots/make.sh            (as root, or a user with sudo)
#   CAPTURE=tls12-ecdhe-rsa STEP=3 docs/screenshots/make.sh   (the defaults)
#
# Wireshark runs under Xvfb, as user nobody when started as root (Wireshark as
# root ignores WIRESHARK_PLUGIN_DIR), with a private plugin folder (the system
# one plus build/tlstutor.so, made by tests/tshark.py) and an empty HOME that
# holds only the window geometry below. tshark first checks that the frame
# shown carries the tutor message; xdotool then expands that message in the
# packet details by keyboard, and ImageMagick grabs the screen.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CAPTURE=${CAPTURE:-tls12-ecdhe-rsa}
STEP=${STEP:-3}
W=1400 H=820          # screen = window size; the window is placed at 0,0
UPPER_PANE=175        # packet list height in pixels (the filter keeps 8 rows)
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
cleanup() {
  [ -n "$GUI_PID" ] && kill "$GUI_PID" 2>/dev/null && wait "$GUI_PID" 2>/dev/null
  [ -n "$XVFB_PID" ] && kill "$XVFB_PID" 2>/dev/null && wait "$XVFB_PID" 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- which frame, checked with tshark -------------------------------------
# Sets PLUGIN_DIR PCAP KEYS FRAME INDEX COUNT MSG; exits if the tutor is absent.
vars=$(python3 "$ROOT/docs/screenshots/target.py" "$WORK/ts" "$SO" "$CAPTURE" "$STEP") ||
  die "tshark does not show the tutor message to photograph"
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

shoot() {   # shoot LANG OUTPUT
  local lang=$1 out=$2 home=$WORK/home-$1 win= n changed
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
    wireshark -r "$PCAP" -o "tls.keylog_file:$KEYS" -o "tlstutor.language:$lang" \
    -Y tlstutor -g "$FRAME" >"$WORK/gui-$lang.log" 2>&1 &
  GUI_PID=$!

  for _ in $(seq 60); do                  # at most ~30 s
    kill -0 "$GUI_PID" 2>/dev/null || die "wireshark exited: $(cat "$WORK/gui-$lang.log")"
    win=$(xdotool search --onlyvisible --class wireshark 2>/dev/null | head -1) || true
    [ -n "$win" ] && break
    sleep 0.5
  done
  [ -n "$win" ] || die "no Wireshark window within 30 s"
  wait_settled "after opening the capture ($lang)"
  n=$(xdotool search --onlyvisible --class wireshark | wc -l)
  [ "$n" -eq 1 ] || die "$n Wireshark windows are visible: a dialog is open ($lang)"

  # Focus the packet details pane by clicking its empty lower part, then walk:
  # Home = first top-level item, Page Down = last one (the tutor comes after
  # all other protocols, and all are collapsed), Right = open it, Down x N =
  # the chosen message, Shift+Right = expand it with all its subtrees.
  xdotool mousemove --window "$win" $((W / 2)) $((H - 80)) click 1
  xdotool key --delay 150 Home Next
  wait_settled "after selecting the tutor ($lang)"
  import -display "$DISPLAY" -window root "$WORK/collapsed-$lang.png"
  xdotool key --delay 150 Right $(printf 'Down %.0s' $(seq $((INDEX + 1)))) shift+Right
  xdotool mousemove 0 $((H - 1))          # no hover highlight or tooltip
  wait_settled "after expanding the tutor ($lang)"
  import -display "$DISPLAY" -window root "$WORK/shot-$lang.png"

  # The expansion must have added rows to the details pane, and the image
  # must not be blank.
  n=$(compare -metric AE "$WORK/collapsed-$lang.png" "$WORK/shot-$lang.png" null: 2>&1 |
      awk '{ print int($1) }' || true)
  [ "${n:-0}" -gt 20000 ] || die "expanding the tutor changed only ${n} pixels ($lang)"
  changed=$n
  n=$(convert "$WORK/shot-$lang.png" -format %k info:)
  [ "$n" -gt 50 ] || die "the screenshot has only $n colours ($lang)"

  kill "$GUI_PID"; wait "$GUI_PID" 2>/dev/null || true; GUI_PID=
  mkdir -p "$(dirname "$out")"
  convert "$WORK/shot-$lang.png" -strip -define png:compression-level=9 "$out"
  log "wrote $out ($(stat -c %s "$out") bytes; expanding changed $changed pixels)"
}

shoot en "$ROOT/docs/img/gui-en.png"
shoot ja "$ROOT/docs/img/gui-ja.png"
