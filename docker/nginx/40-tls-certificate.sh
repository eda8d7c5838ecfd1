#!/bin/sh
# Run by the nginx image's entry point before nginx starts (/docker-entrypoint.d/).
# Without a certificate in the mounted directory, make a self-signed one so the stack
# can start; browsers will warn until real files replace it (README, "Production").
#   40-tls-certificate.sh [directory]   (default /etc/nginx/certs)
set -eu

dir="${1:-/etc/nginx/certs}"
cert="$dir/fullchain.pem"
key="$dir/privkey.pem"
if [ -s "$cert" ] && [ -s "$key" ]; then
    exit 0
fi

# The first of ALLOWED_HOSTS names the certificate (localhost when unset).
name="${ALLOWED_HOSTS:-localhost}"
name="${name%%,*}"
name="${name:-localhost}"
echo "$0: no certificate in $dir: making a self-signed one for $name; replace it with a real one"
mkdir -p "$dir"
umask 077
openssl req -x509 -newkey rsa:2048 -nodes -days 90 -sha256 \
    -subj "/CN=$name" -addext "subjectAltName=DNS:$name" \
    -keyout "$key" -out "$cert" 2>/dev/null
chmod 644 "$cert"
