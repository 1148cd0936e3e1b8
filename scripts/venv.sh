#!/usr/bin/env bash
# Create .venv with Python 3.13 (any 3.12+ when 3.13 is missing) and install the locked set.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    # pyenv keeps interpreters that its shims may not expose for this folder.
    for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3 \
                     "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.12*/bin/python3; do
        if [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! python=$(find_python); then
        echo "newsroom needs Python 3.13 (or 3.12+), and none was found." >&2
        echo "Install it (for example: pyenv install 3.13) and run this command again." >&2
        exit 1
    fi
    echo "Creating .venv with $("$python" --version)"
    "$python" -m venv .venv
fi

# Install only when the dependency files changed since the last install.
stamp=.venv/.installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ requirements.lock -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
    .venv/bin/python -m pip install --quiet --disable-pip-version-check \
        -c requirements.lock -e '.[dev]'
    touch "$stamp"
fi
