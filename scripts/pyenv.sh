# Shared by scripts/notebooks and scripts/cluster-smoke (sourced): a Python virtual environment with
# DuckDB, pandas, pyarrow, matplotlib and Jupyter's notebook executor.
# Installed once into $MRRLAKE_VENV (default ~/.cache/mrrlake/venv) and reused while the package list
# below is unchanged. Wheels come from $MRRLAKE_WHEELS (default /opt/pypi/files) with --no-index when
# that folder exists, else from the package index pip is set up for.

MRRLAKE_PY_PACKAGES=(duckdb pandas pyarrow matplotlib nbformat nbclient nbconvert ipykernel jupyter_core)

# Prints the venv's folder; installs it first when missing or out of date. Messages go to stderr.
mrrlake_pyenv() {
  local venv="${MRRLAKE_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/mrrlake/venv}"
  local stamp="$venv/.mrrlake-packages"
  local wheels="${MRRLAKE_WHEELS:-/opt/pypi/files}"
  if [[ -x "$venv/bin/python" && "$(cat "$stamp" 2>/dev/null)" == "${MRRLAKE_PY_PACKAGES[*]}" ]]; then
    echo "$venv"
    return 0
  fi
  echo "mrrlake: installing ${MRRLAKE_PY_PACKAGES[*]} into $venv ..." >&2
  python3 -m venv "$venv" >&2
  local source=()
  [[ -d "$wheels" ]] && source=(--no-index --find-links "$wheels")
  "$venv/bin/pip" install -q --disable-pip-version-check "${source[@]}" "${MRRLAKE_PY_PACKAGES[@]}" >&2
  echo "${MRRLAKE_PY_PACKAGES[*]}" > "$stamp"
  echo "$venv"
}
