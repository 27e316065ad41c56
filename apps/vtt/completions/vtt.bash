# bash completion for vtt: commands, every flag of each command, the values of flags that
# take a choice, a file, a folder or lint rules, and input files (.vtt/.srt) and folders.
# Works without extglob and without the bash-completion package.
#
# Keep it in step with the program: a flag added to a command goes in that command's list
# below, and a flag that takes a value in one of the cases of _vtt_value. The ctest
# `completion_bash` compares every command's --help with what this offers and names what
# is missing. The rule list comes from include/vttkit/rules.def (the same test checks it).

_vtt_commands="convert merge stitch speakers lint fmt rule config shift scale cut concat fix help"

_vtt_rules="E W S T
E001 E002 E003 E004 E005 E006 W101 W102 W103 W104 W105 W106 W107 W108 W109 W110
S201 S202 S203 S204 S205 S206 T301 T302 T303 T304
missing-signature invalid-timestamp end-not-after-start arrow-in-text invalid-utf8
nul-character start-backwards overlap short-hours bad-setting bad-tag bad-entity
duplicate-id empty-cue override-tag header-metadata line-too-long too-many-lines reading-speed too-short too-long
gap-too-small missing-speaker inconsistent-speaker suspicious-speaker-change short-interjection"

# The flags of each command, as its --help lists them.
_vtt_flags() {
  local files="-h --help -o --output --out-dir -r --recursive -j --jobs -q --quiet --color --encoding"
  local read="--strict --from --map --map-file --speakers-from-prefix --speaker-names --prefix-pattern --rollup"
  local config="--config --no-config"
  local write="-t --to --speaker-labels --paragraph-gap --drop-sounds --audio"
  case $1 in
    convert) echo "$files $read $config $write --merge --stitch --repair-speakers --max-gap --max-chars --max-duration" ;;
    merge) echo "$files $read $config $write --repair-speakers --max-gap --max-chars --max-duration" ;;
    stitch) echo "$files $read $config $write --repair-speakers --max-chars --max-duration" ;;
    speakers) echo "$files $read $config --json --suspicious --timeline" ;;
    lint)
      echo "-h --help -r --recursive -j --jobs -q --quiet --color --encoding --show-source --format --select" \
        "--ignore --profile --strict --no-strict $config" \
        "--max-line-length --max-lines --max-cps --min-duration --max-duration --min-gap"
      ;;
    fmt) echo "$files --check -i --in-place --force --fix" ;;
    fix) echo "$files --check --diff -i --in-place --unsafe-fixes --overlap --close-voice" ;;
    config) echo "-h --help $config" ;;
    shift) echo "$files $read $config $write --since" ;;
    scale) echo "$files $read $config $write --factor --fps --sync" ;;
    cut) echo "$files $read $config $write --start --end --keep-times" ;;
    concat)
      echo "-h --help -o --output -q --quiet --strict --color --from --encoding -t --to --speaker-labels --gap" \
        "--offset-from-durations --paragraph-gap --drop-sounds"
      ;;
    *) echo "-h --help" ;;
  esac
}

# Files with one of the extensions (case ignored), and folders.
_vtt_files() {
  local cur=$1 f lower IFS=$'\n'
  shift
  for f in $(compgen -f -- "$cur"); do
    if [[ -d $f ]]; then
      COMPREPLY+=("$f")
      continue
    fi
    lower=${f,,}
    local ext
    for ext in "$@"; do
      [[ $lower == *."$ext" ]] && COMPREPLY+=("$f") && break
    done
  done
}

# Completes the value of flag $1 (the word being typed is $2); returns 1 when $1 takes no value.
_vtt_value() {
  local flag=$1 cur=$2 IFS=$' \t\n'
  case $flag in
    -t | --to) COMPREPLY=($(compgen -W "vtt srt json jsonl md txt podcast-json html" -- "$cur")) ;;
    --from) COMPREPLY=($(compgen -W "auto vtt srt" -- "$cur")) ;;
    --speaker-labels) COMPREPLY=($(compgen -W "none change every" -- "$cur")) ;;
    --format) COMPREPLY=($(compgen -W "text json github sarif gitlab" -- "$cur")) ;;
    --profile) COMPREPLY=($(compgen -W "default subtitle transcript" -- "$cur")) ;;
    --color | --show-source) COMPREPLY=($(compgen -W "auto always never" -- "$cur")) ;;
    --rollup) COMPREPLY=($(compgen -W "auto on off" -- "$cur")) ;;
    --overlap) COMPREPLY=($(compgen -W "keep trim shift" -- "$cur")) ;;
    --select | --ignore)
      # a comma-separated list: complete the part after the last comma
      local done_part="" last=$cur
      if [[ $cur == *,* ]]; then
        done_part=${cur%,*},
        last=${cur##*,}
      fi
      local r
      for r in $(compgen -W "$_vtt_rules" -- "$last"); do COMPREPLY+=("$done_part$r"); done
      compopt -o nospace 2>/dev/null
      ;;
    --out-dir) COMPREPLY=($(compgen -d -- "$cur")) ;;
    -o | --output | --map-file | --config | --timeline) COMPREPLY=($(compgen -f -- "$cur")) ;;
    -j | --jobs | --max-gap | --max-chars | --max-duration | --map | --max-line-length | --max-lines | \
      --max-cps | --min-duration | --min-gap | --speaker-names | --prefix-pattern | \
      --encoding | --audio | --since | --factor | --fps | --sync | --start | --end | --gap | --offset-from-durations | \
      --paragraph-gap)
      COMPREPLY=() # a number, a time, OLD=NEW, names, a pattern, an iconv name: nothing to offer
      ;;
    *) return 1 ;;
  esac
  return 0
}

_vtt() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]} cmd=${COMP_WORDS[1]}
  COMPREPLY=()
  # --flag=value: bash splits the word at '=' (COMP_WORDBREAKS)
  if [[ $cur == = ]]; then
    cur=""
  elif [[ $prev == = && $COMP_CWORD -ge 3 ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W "$_vtt_commands -h --help -V --version" -- "$cur"))
    return
  fi
  if [[ $cmd == help ]]; then
    [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "$_vtt_commands" -- "$cur"))
    return
  fi
  _vtt_value "$prev" "$cur" && return
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(_vtt_flags "$cmd")" -- "$cur"))
    return
  fi
  case $cmd in
    rule) [[ $COMP_CWORD -eq 2 ]] && COMPREPLY=($(compgen -W "${_vtt_rules#*$'\n'}" -- "$cur")) ;; # ids and names
    lint | fmt | fix) _vtt_files "$cur" vtt ;; # they read WebVTT
    *) _vtt_files "$cur" vtt srt ;;
  esac
}
complete -F _vtt -o filenames vtt
