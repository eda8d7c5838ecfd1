# Production image: gunicorn serving the site, the same image runs the task worker.
FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private

# Public renditions and private uploads; volumes mounted here take this owner when created.
RUN useradd --create-home --uid 1000 portal \
    && mkdir -p /data/media /data/private \
    && chown portal:portal /data/media /data/private

WORKDIR /app
COPY requirements.lock ./
RUN pip install -r requirements.lock

COPY --chown=portal:portal . .
# collectstatic needs settings, not secrets: a throw-away key for this one step.
RUN SECRET_KEY=collectstatic-only-not-a-real-secret-key-0123456789abcdef \
    ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --noinput

USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health/', timeout=4)"
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["web"]
