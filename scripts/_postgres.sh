# Sourced: start_postgres starts a throw-away PostgreSQL server in a temporary
# directory, exports PG_URL, and stops and removes it when the shell exits.

_find_pg_bindir() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then PG_BINDIR="$dir"; fi
    done
    if [ -z "${PG_BINDIR:-}" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
        PG_BINDIR="$(dirname "$(command -v initdb)")"
    fi
    [ -n "${PG_BINDIR:-}" ]
}

_as_pg_owner() {
    # initdb refuses to run as root: run the server as the postgres user then.
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
    _find_pg_bindir || return 1
    if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
        echo "Running as root without a postgres user to own the server." >&2
        return 1
    fi
    PG_TMP="$(mktemp -d /tmp/portal-pg.XXXXXX)"
    if [ "$(id -u)" = 0 ]; then chown postgres "$PG_TMP"; fi
    local port
    port="$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    _as_pg_owner "$PG_BINDIR/initdb" -D "$PG_TMP/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null || return 1
    _as_pg_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" -w \
        -o "-h 127.0.0.1 -p $port -k $PG_TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null || { cat "$PG_TMP/server.log" >&2; return 1; }
    trap stop_postgres EXIT
    PG_URL="postgres://postgres@127.0.0.1:$port/portal"
    echo "PostgreSQL $("$PG_BINDIR/postgres" --version | awk '{print $3}') on port $port"
}

stop_postgres() {
    if [ -n "${PG_TMP:-}" ] && [ -d "$PG_TMP/data" ]; then
        _as_pg_owner "$PG_BINDIR/pg_ctl" -D "$PG_TMP/data" -m fast -w stop >/dev/null || true
        rm -rf "$PG_TMP"
    fi
}
