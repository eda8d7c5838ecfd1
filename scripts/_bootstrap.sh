# Sourced by the other scripts: a virtual environment with the locked dependencies.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Creating virtual environment in .venv"
    "$PYTHON" -m venv "$VENV"
fi
# Reinstall only when the lock file changed since the last install.
if ! cmp -s requirements-dev.lock "$VENV/.installed-lock"; then
    echo "==> Installing dependencies from requirements-dev.lock"
    "$VENV/bin/python" -m pip install --quiet -r requirements-dev.lock
    cp requirements-dev.lock "$VENV/.installed-lock"
fi
export PATH="$VENV/bin:$PATH"
