# Bash completion for layernas: asks the tool itself (System.CommandLine's [suggest] directive), so it always
# matches the installed version. Use: source scripts/layernas-completion.bash (e.g. from ~/.bashrc).
_layernas_complete() {
  local line="${COMP_LINE:0:COMP_POINT}"
  local args="${line#*[[:space:]]}"             # drop the command name itself
  [ "$args" = "$line" ] && args=""
  local IFS=$'\n'
  COMPREPLY=($(layernas "[suggest:${#args}]" "$args" 2>/dev/null))
}
complete -o default -F _layernas_complete layernas
