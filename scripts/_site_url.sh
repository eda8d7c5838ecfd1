# Sourced by scripts/start: the address the site's absolute links (podcast feed, calendars,
# mails) use, derived from PORT_BIND unless SITE_URL is set explicitly.
#   site_url_for_bind ""               -> http://127.0.0.1:8000
#   site_url_for_bind "8080"           -> http://127.0.0.1:8080
#   site_url_for_bind "0.0.0.0:8080"   -> http://127.0.0.1:8080  (all interfaces: this machine's address)
#   site_url_for_bind "192.0.2.7:9000" -> http://192.0.2.7:9000
site_url_for_bind() {
    local bind="${1:-127.0.0.1:8000}" host port
    if [[ "$bind" == *:* ]]; then
        host="${bind%:*}"
        port="${bind##*:}"
    else
        host="127.0.0.1"
        port="$bind"
    fi
    case "$host" in
        "" | 0.0.0.0 | "[::]" | "::") host="127.0.0.1" ;;
    esac
    echo "http://${host}:${port}"
}
