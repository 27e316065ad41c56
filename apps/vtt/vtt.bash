# bash completion for vtt
_vtt() {
  local cur prev cmd
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=${COMP_WORDS[1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W "convert merge stitch speakers lint fmt help --help --version" -- "$cur"))
    return
  fi
  case $prev in
    -t|--to) COMPREPLY=($(compgen -W "vtt srt json jsonl md txt podcast-json" -- "$cur")); return ;;
    --from) COMPREPLY=($(compgen -W "auto vtt srt" -- "$cur")); return ;;
    --rollup) COMPREPLY=($(compgen -W "auto on off" -- "$cur")); return ;;
    --speaker-labels) COMPREPLY=($(compgen -W "none change every" -- "$cur")); return ;;
    --format) COMPREPLY=($(compgen -W "text json github" -- "$cur")); return ;;
    --profile) COMPREPLY=($(compgen -W "subtitle transcript" -- "$cur")); return ;;
    --out-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o|--output|--map-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [[ $cur == -* ]]; then
    local flags="--help -o --output --out-dir -r --recursive -j --jobs -q --quiet --strict --from"
    case $cmd in
      convert) flags+=" --rollup --to --speaker-labels --map --map-file --speakers-from-prefix --merge --stitch --max-gap --max-chars --max-duration" ;;
      merge) flags+=" --rollup --to --speaker-labels --map --map-file --speakers-from-prefix --max-gap --max-chars --max-duration" ;;
      stitch) flags+=" --rollup --to --speaker-labels --map --map-file --speakers-from-prefix --max-chars --max-duration" ;;
      speakers) flags+=" --rollup --json --map --map-file --speakers-from-prefix" ;;
      lint) flags="--help --format --select --ignore --profile --strict --max-line-length --max-lines --max-cps --min-duration --max-duration --min-gap" ;;
      fmt) flags="--help --check --in-place --force" ;;
    esac
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
    return
  fi
  COMPREPLY=($(compgen -f -X '!*.@(vtt|srt|VTT|SRT)' -- "$cur") $(compgen -d -- "$cur"))
}
complete -F _vtt -o filenames vtt
