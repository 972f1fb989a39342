# bash completion for kaudit (generated from kaudit's option table)
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
	-f|--format)
		COMPREPLY=($(compgen -W "text json sarif github markdown gitlab junit objects" -- "$cur"))
		return ;;
	-o|--output)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--stdin-filename)
		return ;;
	--chart-root)
		COMPREPLY=($(compgen -d -- "$cur"))
		return ;;
	--values)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--set)
		return ;;
	--release)
		return ;;
	--namespace)
		return ;;
	--kube-version)
		return ;;
	--api-versions)
		return ;;
	--helm)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--sarif-category)
		return ;;
	--baseline)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--pin-digests)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--fix-only)
		# Comma-separated: complete the last id.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W "$(_kaudit_checks)" -- "${cur##*,}"))
		return ;;
	--write-baseline)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	--profile)
		COMPREPLY=($(compgen -W "baseline restricted hardened" -- "$cur"))
		return ;;
	--pss-version)
		COMPREPLY=($(compgen -W "latest v1.37 v1.36 v1.35 v1.34 v1.33 v1.32 v1.31 v1.30 v1.29 v1.28 v1.27 v1.26 v1.25 v1.24 v1.23 v1.22 v1.21 v1.20 v1.19 v1.18 v1.17 v1.16 v1.15 v1.14 v1.13 v1.12 v1.11 v1.10 v1.9 v1.8 v1.7 v1.6 v1.5 v1.4 v1.3 v1.2 v1.1 v1.0" -- "$cur"))
		return ;;
	--enable)
		# Comma-separated: complete the last id.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W "$(_kaudit_checks)" -- "${cur##*,}"))
		return ;;
	--add)
		# Comma-separated: complete the last id.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W "$(_kaudit_checks)" -- "${cur##*,}"))
		return ;;
	--disable)
		# Comma-separated: complete the last id.
		local done=${cur%"${cur##*,}"}
		COMPREPLY=($(compgen -P "$done" -W "$(_kaudit_checks)" -- "${cur##*,}"))
		return ;;
	--fail-on)
		COMPREPLY=($(compgen -W "error warning note never" -- "$cur"))
		return ;;
	--explain)
		COMPREPLY=($(compgen -W "$(_kaudit_checks)" -- "$cur"))
		return ;;
	--config)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-j|--jobs)
		return ;;
	--color)
		COMPREPLY=($(compgen -W "auto always never" -- "$cur"))
		return ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "--format --output --stdin-filename --chart-root --values --set --release --namespace --kube-version --api-versions --helm --skip-non-manifests --sarif-category --baseline --baseline-absent --fix --diff --pin-digests --fix-only --write-baseline --no-truncate --profile --pss-version --enable --add --disable --fail-on --list-checks --explain --config --no-config --print-config --show-suppressed --jobs --fail-if-empty --hints --quiet --color --help --version" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}
complete -o filenames -F _kaudit kaudit
