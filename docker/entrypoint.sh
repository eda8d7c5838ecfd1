#!/bin/sh
# Entry point of the production image.
#   web     apply migrations (one instance at a time), create the cache table, serve with gunicorn
#           (forwarded headers trusted only from FORWARDED_ALLOW_IPS: the proxy's address)
#   worker  run background tasks (mail, indexing) from the database queue
#   scheduler  every minute, in one process (manage.py run_scheduled_jobs): publish pages whose
#           scheduled time has come, remind owners of knowledge products whose review is overdue
#           and of dossier answers that are late, remind participants of learning activities the
#           day before (each place once), post replies that arrived by mail, send the notification
#           digests that are due, erase accounts whose cooling-off period has ended and apply the
#           retention periods (all safe to repeat); --once for one round
#   other   run that command as it is (e.g. "python manage.py createsuperuser")
set -eu

cd "$(dirname "$0")/.."

case "${1:-web}" in
    web)
        python manage.py migrate_safely
        python manage.py createcachetable
        exec gunicorn portal.wsgi:application \
            --bind "0.0.0.0:${PORT:-8000}" \
            --workers "${WEB_CONCURRENCY:-3}" \
            --timeout "${WEB_TIMEOUT:-60}" \
            --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}" \
            --access-logfile -
        ;;
    worker)
        shift
        exec python manage.py db_worker --queue-name '*' "$@"
        ;;
    scheduler)
        while true; do
            python manage.py run_scheduled_jobs || echo "some scheduled jobs failed; trying again next round" >&2
            [ "${2:-}" = "--once" ] && exit 0
            sleep 60
        done
        ;;
    *)
        exec "$@"
        ;;
esac
