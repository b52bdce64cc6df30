# SPDX-License-Identifier: MIT
# bash completion for tlv(1): commands, each command's options, the values
# of --format, --status and import's --from, files and directories, and
# event ids after 'annotate' and 'rm' (from the hidden 'tlv ids').
#
# Self-contained: it uses only COMP_WORDS, COMP_CWORD and compgen, so it
# works with or without the bash-completion package.  bash splits
# --opt=value at '=' (COMP_WORDBREAKS); both spellings are handled.

# Options that take a value (the next word, or after '=').
_tlv_takes_value()
{
	case $1 in
	--filter|--from|--to|--tag|--actor|--status|--grep|--since|--width|\
	--config|--by|--date|--title|--id|--format|--lanes)
		return 0 ;;
	esac
	return 1
}

# The options of a command ("" is the bare viewer).
_tlv_options()
{
	local filters='--filter --from --to --tag --actor --status --grep --since'
	local common='--config --help'

	case $1 in
	'')		echo "$filters $common --version" ;;
	summary)	echo "$filters --brief --full --width $common" ;;
	check)		echo "$common" ;;
	export)		echo "--format --lanes $filters $common" ;;
	annotate)	echo "--by $common" ;;
	rm)		echo "$common" ;;
	add)		echo "--date --title --status --tag --actor --id $common" ;;
	import)		echo "--from $common" ;;
	esac
}

# Add the directories and timeline files (*.yaml, *.yml, *.json) that
# start with $1 to COMPREPLY; every file when $2 is "all".
_tlv_files()
{
	local f IFS=$'\n'

	for f in $(compgen -f -- "$1"); do
		if [[ -d $f || $2 == all || $f == *.yaml || $f == *.yml ||
		    $f == *.json ]]; then
			COMPREPLY+=("$f")
		fi
	done
	# Quote as file names, '/' after a directory (bash 4 and later).
	compopt -o filenames 2>/dev/null
}

# Event ids starting with $1, from the files among ${@:2} (else those in
# the current directory, else the bundled timelines).
_tlv_ids()
{
	local cur=$1 tlv=${COMP_WORDS[0]} id w IFS=$'\n'
	local -a files=()
	shift
	for w; do
		[[ $w == -* ]] || files+=("$w")
	done
	if [[ ${#files[@]} -eq 0 ]] && compgen -G '*.y*ml' >/dev/null; then
		files=(.)
	fi
	[[ $tlv == */* || -z $tlv ]] || tlv=$(type -P "$tlv")
	[[ -n $tlv ]] || tlv=tlv
	for id in $("$tlv" ids -- "${files[@]}" 2>/dev/null); do
		[[ $id == "$cur"* ]] && COMPREPLY+=("$id")
	done
}

# Values of an option.
_tlv_values()
{
	local opt=$1 cur=$2 cmd=$3 head=''

	case $opt in
	--format)
		mapfile -t COMPREPLY < <(compgen -W \
		    'markdown json csv ics timelinejs svg' -- "$cur") ;;
	--lanes)
		mapfile -t COMPREPLY < <(compgen -W \
		    'file actor tag status outlet none' -- "$cur") ;;
	--status)
		# A list: complete the part after the last comma.
		[[ $cur == *,* ]] && head=${cur%,*},
		mapfile -t COMPREPLY < <(compgen -P "$head" -W \
		    'confirmed reported alleged disputed denied none' \
		    -- "${cur##*,}") ;;
	--from)
		if [[ $cmd == import ]]; then
			mapfile -t COMPREPLY < <(compgen -W timelinejs -- "$cur")
		fi ;;
	--config)
		_tlv_files "$cur" all ;;
	esac
}

_tlv()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev='' cmd='' opt='' w i
	local -a pos=()

	COMPREPLY=()
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}

	# --opt=value split by bash: "--opt" "=" "value".
	if [[ $cur == = ]]; then
		opt=$prev
		cur=
	elif [[ $prev == = ]] && ((COMP_CWORD >= 2)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif _tlv_takes_value "$prev"; then
		opt=$prev
	fi

	case ${COMP_WORDS[1]-} in
	summary|check|annotate|add|rm|export|import)
		((COMP_CWORD > 1)) && cmd=${COMP_WORDS[1]} ;;
	esac

	if [[ -n $opt ]]; then
		_tlv_takes_value "$opt" && _tlv_values "$opt" "$cur" "$cmd"
		return 0
	fi

	# The positional words before the cursor (options and values skipped).
	i=1
	[[ -n $cmd ]] && i=2
	for ((; i < COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		if [[ $w == -- ]]; then
			pos+=("${COMP_WORDS[@]:i+1:COMP_CWORD-i-1}")
			break
		elif [[ $w == -* ]]; then
			if _tlv_takes_value "$w"; then
				((i++))
				[[ ${COMP_WORDS[i]-} == = ]] && ((i++))
			fi
		else
			pos+=("$w")
		fi
	done

	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$(_tlv_options "$cmd")" \
		    -- "$cur")
		return 0
	fi
	case $cmd in
	'')
		if [[ ${#pos[@]} -eq 0 ]]; then
			mapfile -t COMPREPLY < <(compgen -W \
			    'summary check annotate add rm export import diff' \
			    -- "$cur")
		fi
		_tlv_files "$cur" ;;
	annotate|rm)
		# ID first; annotate's TEXT second; then files.
		if [[ ${#pos[@]} -eq 0 ]]; then
			w=$([[ $cmd == rm ]] && echo 1 || echo 2)
			_tlv_ids "$cur" "${COMP_WORDS[@]:COMP_CWORD+w}"
		elif [[ $cmd == rm || ${#pos[@]} -ge 2 ]]; then
			_tlv_files "$cur"
		fi ;;
	*)
		_tlv_files "$cur" ;;
	esac
	return 0
}

complete -F _tlv tlv
