#!/usr/bin/env bash
# System calls per request: `torsion web` and nginx serving the same 13-byte file with one
# reactor/worker and the access log on, each traced with `strace -c` (every thread of the server)
# while wrk sends a fixed load; prints calls per request and the top calls of each.
# Run from the source tree's root as root (strace attaches to running processes).
# Needs strace, wrk, nginx (nginx-light); builds ./torsion on first use.
set -euo pipefail

SECONDS_TRACED="${1:-5}"
FILE_SIZE="${2:-13}"
work="$(mktemp -d /tmp/torsion-syscalls.XXXXXX)"
chmod 755 "$work"
mkdir -p "$work/www" "$work/nginx"
if [ "$FILE_SIZE" = 13 ]; then printf 'Hello, world!' > "$work/www/file"; else head -c "$FILE_SIZE" /dev/urandom > "$work/www/file"; fi
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tport="$(free_port)"
nport="$(free_port)"

cat > "$work/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
events { worker_connections 4096; }
http {
    default_type application/octet-stream;
    access_log $work/nginx-access.log;
    sendfile on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    server { listen 127.0.0.1:$nport; root $work/www; }
}
CONF

./torsion --reactor epoll web --listen "tcp:$tport:interface=127.0.0.1" --path "$work/www" \
    --access-log "$work/torsion-access.log" > "$work/torsion.out" 2>&1 &
torsion_pid=$!
nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
trap 'kill $torsion_pid $nginx_pid 2>/dev/null || true' EXIT

wait_port() { for _ in $(seq 600); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done; return 1; }
wait_port "$tport"
wait_port "$nport"

# trace NAME URL PID...: warm up, then count the calls of every thread of the given processes under load.
trace() {
    local name="$1" url="$2"; shift 2
    wrk -t2 -c50 -d3s "$url" > /dev/null
    local args=()
    for pid in "$@"; do for task in /proc/"$pid"/task/*; do args+=(-p "${task##*/}"); done; done
    strace -c -o "$work/$name.strace" "${args[@]}" 2> /dev/null &
    local strace_pid=$!
    sleep 1
    local requests
    requests="$(wrk -t2 -c50 -d"${SECONDS_TRACED}"s "$url" | awk '/requests in/ {print $1}')"
    kill -INT "$strace_pid"; wait "$strace_pid" || true
    local calls
    calls="$(awk '/^100.00/ {print $4}' "$work/$name.strace")"
    printf '%-8s %9s requests traced, %10s system calls: %.2f per request\n' "$name" "$requests" "$calls" \
        "$(echo "$calls / $requests" | bc -l)"
    sed -n '3,10p' "$work/$name.strace" | awk -v r="$requests" '{printf "           %-16s %8.3f per request\n", $NF, $4 / r}'
}

nginx_workers="$(pgrep -P "$nginx_pid" | tr '\n' ' ')"
# shellcheck disable=SC2086  # several worker PIDs on purpose
trace nginx "http://127.0.0.1:$nport/file" $nginx_workers
trace torsion "http://127.0.0.1:$tport/file" "$torsion_pid"
echo "files and traces in $work"
