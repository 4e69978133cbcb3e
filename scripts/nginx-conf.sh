#!/usr/bin/env bash
# nginx-conf.sh: writes a runnable nginx configuration for trackpro from the top-level
# nginx.conf. Usage: scripts/nginx-conf.sh SOURCE_ROOT VAR_DIR PORT > VAR_DIR/nginx.conf
# SOURCE_ROOT holds nginx.conf and static/; VAR_DIR holds the socket, logs and temp files.
set -euo pipefail
root=$1 var=$2 port=$3
case "$port" in ''|*[!0-9]*) echo "nginx-conf.sh: PORT must be a number, not '$port'" >&2; exit 2 ;; esac
mkdir -p "$var/nginx-tmp"
user_line=
# As root, nginx would run its workers as nobody, who may not open the 0660 socket.
if [ "$(id -u)" = 0 ]; then user_line="user root root;"; fi
sed -e "s|@ROOT@|$root|g" -e "s|@VAR@|$var|g" -e "s|@PORT@|$port|g" -e "s|@USER_LINE@|$user_line|" \
	"$root/nginx.conf"
