# bash completion for kaudit
_kaudit_checks()
{
	kaudit --list-checks --format json 2>/dev/null |
		sed -n 's/.*"id": "\([a-z0-9-]*\)".*/\1/p'
}

_kaudit()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null; then
		_init_completion -n = || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD-1]}
	fi

	case $prev in
	--enable|--disable)
		# Comma-separated: complete the last id.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W "$(_kaudit_checks)" -- "${cur##*,}"))
		return ;;
	--explain)
		COMPREPLY=($(compgen -W "$(_kaudit_checks)" -- "$cur"))
		return ;;
	-f|--format)
		COMPREPLY=($(compgen -W "text json sarif github" -- "$cur"))
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "error warning note never" -- "$cur"))
		return ;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return ;;
	--profile)
		COMPREPLY=($(compgen -W "baseline restricted hardened" -- "$cur"))
		return ;;
	--pss-version)
		COMPREPLY=($(compgen -W "latest $(for i in $(seq 0 37); do printf 'v1.%s ' "$i"; done)" -- "$cur"))
		return ;;
	-o|--output|--config)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--chart-root)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--stdin-filename|--sarif-category)
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--format --output --stdin-filename --chart-root
			--sarif-category --profile --pss-version --enable --disable
			--fail-on --list-checks --explain --config --no-config
			--print-config --show-suppressed --quiet --color --help
			--version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _kaudit kaudit
