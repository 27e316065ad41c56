# fish completion for vtt: commands, every flag of each command with its help, the values of
# flags that take a choice, a file, a folder or lint rules, and input files.
#
# Keep it in step with the program: a flag added to a command gets a `complete` line for that
# command below. The ctest `completion_fish` compares every command's --help with what fish
# offers and names what is missing. The rule list comes from include/vttkit/rules.def.

set -l commands convert merge stitch speakers lint fmt rule config shift scale cut concat fix help
set -l rules E W S T \
    E001 E002 E003 E004 E005 E006 W101 W102 W103 W104 W105 W106 W107 W108 W109 W110 \
    S201 S202 S203 S204 S205 S206 T301 T302 T303 T304 \
    missing-signature invalid-timestamp end-not-after-start arrow-in-text invalid-utf8 \
    nul-character start-backwards overlap short-hours bad-setting bad-tag bad-entity \
    duplicate-id empty-cue override-tag header-metadata line-too-long too-many-lines reading-speed too-short too-long \
    gap-too-small missing-speaker inconsistent-speaker suspicious-speaker-change short-interjection

complete -c vtt -f
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a convert -d 'Read, transform and write in another format'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a merge -d 'Join cues of the same speaker into turns'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a stitch -d 'Re-cut each turn into one cue per sentence'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a speakers -d 'Per-speaker table'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a lint -d 'Check WebVTT files against the rules'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a fmt -d 'Rewrite WebVTT in canonical form'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a rule -d "Show a lint rule's documentation, or list the rules"
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a config -d 'Show the settings in effect for a path'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a shift -d 'Move every time by a signed offset'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a scale -d 'Map every time linearly'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a cut -d 'Keep the cues within a time range'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a concat -d 'Join files one after another'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a fix -d 'Repair WebVTT for the W3C validator'
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -a help -d "Show the commands or a command's flags"
complete -c vtt -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Show the version'
complete -c vtt -n "__fish_seen_subcommand_from help" -a "$commands"
complete -c vtt -s h -l help -d 'Show the flags'

# Input files: .vtt and .srt (lint, fmt and fix: .vtt), and folders.
function __vtt_inputs
    set -l exts vtt srt
    if __fish_seen_subcommand_from lint fmt fix
        set exts vtt
    end
    for f in (__fish_complete_path (commandline -ct) | string split -f1 \t)
        set -l lower (string lower -- $f)
        if string match -q -- '*/' $f; or contains -- (string replace -r '.*\.' '' -- $lower) $exts
            echo $f
        end
    end
end
complete -c vtt -n "__fish_seen_subcommand_from convert merge stitch speakers lint fmt shift scale cut concat fix" -a '(__vtt_inputs)'

set -l io convert merge stitch speakers fmt shift scale cut fix
set -l reading convert merge stitch speakers shift scale cut
set -l writing convert merge stitch shift scale cut
complete -c vtt -n "__fish_seen_subcommand_from $io" -s o -l output -r -F -d 'Write to FILE'
complete -c vtt -n "__fish_seen_subcommand_from $io" -l out-dir -x -a '(__fish_complete_directories)' -d 'Write DIR/<name>.<ext> for each input'
complete -c vtt -n "__fish_seen_subcommand_from $io lint" -s r -l recursive -d 'Read the files under directory arguments'
complete -c vtt -n "__fish_seen_subcommand_from $io lint" -s j -l jobs -x -d 'Workers (0: all cores)'
complete -c vtt -n "__fish_seen_subcommand_from $io lint" -s q -l quiet -d 'No progress bar, errors only'
complete -c vtt -n "__fish_seen_subcommand_from $reading lint" -l strict -d 'Errors fail (lint: warnings too)'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l no-strict -d 'Warnings do not fail, whatever the config says'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l from -x -a 'auto vtt srt' -d 'Input format'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l map -x -d 'Rename a speaker: OLD=NEW'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l map-file -r -F -d 'Read OLD=NEW lines from FILE'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l speakers-from-prefix -d 'Speakers from NAME: prefixes'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l speaker-names -x -d 'Names to take as prefixes'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l prefix-pattern -x -d 'A prefix matching REGEX names the speaker'
complete -c vtt -n "__fish_seen_subcommand_from $reading" -l rollup -x -a 'auto on off' -d 'Roll-up captions rebuilt'
complete -c vtt -n "__fish_seen_subcommand_from $io lint" -l color -x -a 'auto always never' -d 'Colour on standard error'
complete -c vtt -n "__fish_seen_subcommand_from $io lint" -l encoding -x -a 'utf-8 windows-1252 latin1 utf-16le utf-16be' -d 'The input encoding'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l show-source -x -a 'auto always never' -d 'The source line under each finding'
complete -c vtt -n "__fish_seen_subcommand_from $writing" -s t -l to -x -a 'vtt srt json jsonl md txt podcast-json html' -d 'Output format'
complete -c vtt -n "__fish_seen_subcommand_from $writing" -l speaker-labels -x -a 'none change every' -d 'Name: prefixes in srt and txt'
complete -c vtt -n "__fish_seen_subcommand_from $writing concat" -l paragraph-gap -x -d 'md, txt and html: a longer pause starts a paragraph'
complete -c vtt -n "__fish_seen_subcommand_from $writing concat" -l drop-sounds -d 'md, txt and html: leave out sound tags'
complete -c vtt -n "__fish_seen_subcommand_from $writing" -l audio -x -d 'html: the address of the recording'
complete -c vtt -n "__fish_seen_subcommand_from convert" -l merge -d 'Join fragments into turns'
complete -c vtt -n "__fish_seen_subcommand_from convert" -l stitch -d 'One cue per sentence'
complete -c vtt -n "__fish_seen_subcommand_from convert merge stitch" -l repair-speakers -d 'Give split sentences back (unsafe)'
complete -c vtt -n "__fish_seen_subcommand_from convert merge" -l max-gap -x -d 'Join cues at most SECONDS apart'
complete -c vtt -n "__fish_seen_subcommand_from convert merge stitch" -l max-chars -x -d 'At most N characters per cue'
complete -c vtt -n "__fish_seen_subcommand_from convert merge stitch lint" -l max-duration -x -d 'Longest cue in SECONDS'
complete -c vtt -n "__fish_seen_subcommand_from speakers" -l json -d 'Print JSON instead of a table'
complete -c vtt -n "__fish_seen_subcommand_from speakers" -l timeline -r -F -d 'Draw who talks when as SVG into FILE'
complete -c vtt -n "__fish_seen_subcommand_from speakers" -l suspicious -d 'List the speaker changes inside a sentence'
complete -c vtt -n "__fish_seen_subcommand_from shift" -l since -x -d 'Move only cues starting at or after SECONDS'
complete -c vtt -n "__fish_seen_subcommand_from scale" -l factor -x -d 'Multiply every time by NUMBER'
complete -c vtt -n "__fish_seen_subcommand_from scale" -l fps -x -d 'Timed for frame rate A, played at B (A:B)'
complete -c vtt -n "__fish_seen_subcommand_from scale" -l sync -x -d 'A point OLD=NEW'
complete -c vtt -n "__fish_seen_subcommand_from cut" -l start -x -d 'Start of the range'
complete -c vtt -n "__fish_seen_subcommand_from cut" -l end -x -d 'End of the range, not included'
complete -c vtt -n "__fish_seen_subcommand_from cut" -l keep-times -d 'Do not move the range to 0'
complete -c vtt -n "__fish_seen_subcommand_from concat" -s o -l output -r -F -d 'Write to FILE'
complete -c vtt -n "__fish_seen_subcommand_from concat" -s q -l quiet -d 'No warnings, errors only'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l strict -d 'A file with any error fails'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l color -x -a 'auto always never' -d 'Colour on standard error'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l from -x -a 'auto vtt srt' -d 'Input format'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l encoding -x -a 'utf-8 windows-1252 latin1 utf-16le utf-16be' -d 'The input encoding'
complete -c vtt -n "__fish_seen_subcommand_from concat" -s t -l to -x -a 'vtt srt json jsonl md txt podcast-json html' -d 'Output format'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l speaker-labels -x -a 'none change every' -d 'Name: prefixes in srt and txt'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l gap -x -d 'SECONDS between one file and the next'
complete -c vtt -n "__fish_seen_subcommand_from concat" -l offset-from-durations -x -d 'The length of each file'

complete -c vtt -n "__fish_seen_subcommand_from lint" -l format -x -a 'text json github sarif gitlab' -d 'Findings as'
# A comma-separated list of rules: the ones typed before the last comma are kept.
function __vtt_rules
    set -l typed (string match -r '.*,' -- (commandline -ct))
    for r in $argv
        echo "$typed$r"
    end
end
complete -c vtt -n "__fish_seen_subcommand_from lint" -l select -x -a "(__vtt_rules $rules)" -d 'Run only these rules'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l ignore -x -a "(__vtt_rules $rules)" -d 'Skip these rules'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l profile -x -a 'default subtitle transcript' -d 'Also run the S or T rules'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l max-line-length -x -d 'S201: most characters per line'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l max-lines -x -d 'S202: most lines per cue'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l max-cps -x -d 'S203: most characters per second'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l min-duration -x -d 'S204: shortest cue in SECONDS'
complete -c vtt -n "__fish_seen_subcommand_from lint" -l min-gap -x -d 'S206: smallest gap in SECONDS'

complete -c vtt -n "__fish_seen_subcommand_from $reading lint config" -l config -r -F -d 'Read settings from FILE'
complete -c vtt -n "__fish_seen_subcommand_from $reading lint config" -l no-config -d 'Read no configuration file'
complete -c vtt -n "__fish_seen_subcommand_from config" -F

complete -c vtt -n "__fish_seen_subcommand_from fmt" -l check -d 'List the files that would change'
complete -c vtt -n "__fish_seen_subcommand_from fmt" -s i -l in-place -d 'Rewrite the files'
complete -c vtt -n "__fish_seen_subcommand_from fmt" -l force -d 'Format files whose errors lose content'
complete -c vtt -n "__fish_seen_subcommand_from fmt" -l fix -d "Also make vtt fix's safe repairs"
complete -c vtt -n "__fish_seen_subcommand_from fix" -l check -d 'Exit 1 if a file would change'
complete -c vtt -n "__fish_seen_subcommand_from fix" -l diff -d 'Print a unified diff of what would change'
complete -c vtt -n "__fish_seen_subcommand_from fix" -s i -l in-place -d 'Rewrite the files'
complete -c vtt -n "__fish_seen_subcommand_from fix" -l unsafe-fixes -d 'Also make repairs that change text or times'
complete -c vtt -n "__fish_seen_subcommand_from fix" -l overlap -x -a 'keep trim shift' -d 'What to do with overlapping cues'
complete -c vtt -n "__fish_seen_subcommand_from fix" -l close-voice -d 'End an open <v> span with </v>'

# vtt rule [ID|NAME]: the rules' ids and names (not the family letters).
complete -c vtt -n "__fish_seen_subcommand_from rule" -a "$rules[5..-1]"
