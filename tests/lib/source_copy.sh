# source_copy ROOT DEST: the files git knows of in ROOT (tracked, and new
# ones not ignored), as in the working tree, copied to DEST: the source a
# user gets from a clone, with this checkout's changes.
source_copy() {
	mkdir -p "$2"
	(cd "$1" && git ls-files -z --cached --others --exclude-standard | xargs -0 tar cf - 2>/dev/null) | tar xf - -C "$2"
}
