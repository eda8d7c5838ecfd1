#!/bin/sh
# Entry point of the production image.
#   web     apply migrations (one instance at a time), create the cache table, serve with gunicorn
#           (forwarded headers trusted only from FORWARDED_ALLOW_IPS: the proxy's address)
#   worker  run background tasks (mail, indexing) from the database queue
#   scheduler  every minute: publish pages whose scheduled time has come, remind owners of
#           knowledge products whose review is overdue, remind participants of learning
#           activities the day before (each place once), post replies that arrived by mail and
#           send the notification digests that are due (all safe to repeat); --once for one round
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
            python manage.py publish_scheduled
            python manage.py send_review_reminders
            python manage.py send_dossier_reminders
            python manage.py send_activity_reminders
            python manage.py fetch_mail_replies || echo "fetch_mail_replies failed; trying again next round" >&2
            python manage.py send_digests || echo "send_digests failed; trying again next round" >&2
            python manage.py process_account_erasures && python manage.py apply_retention || echo "personal-data jobs failed; trying again next round" >&2
            [ "${2:-}" = "--once" ] && exit 0
            sleep 60
        done
        ;;
    *)
        exec "$@"
        ;;
esac
