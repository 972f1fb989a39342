/* Resource quantities: see kaudit/quantity.h. */
#include "kaudit/quantity.h"

#include <string.h>

static bool suffix_ok(const char *s)
{
	static const char *const fixed[] = {"",	  "Ki", "Mi", "Gi", "Ti", "Pi",
					    "Ei", "n",	"u",  "m",  "k",  "M",
					    "G",  "T",	"P",  "E",  NULL};

	for (int i = 0; fixed[i]; i++)
		if (strcmp(s, fixed[i]) == 0)
			return true;
	/* A decimal exponent: e or E, a sign, digits. */
	if (*s != 'e' && *s != 'E')
		return false;
	s++;
	if (*s == '+' || *s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	return *s == '\0';
}

enum ka_quantity_sign ka_quantity_sign(const char *s)
{
	bool negative = false, nonzero = false, digits = false, dot = false;

	if (*s == '+' || *s == '-')
		negative = *s++ == '-';
	for (; (*s >= '0' && *s <= '9') || *s == '.'; s++) {
		if (*s == '.') {
			if (dot)
				return KA_QUANTITY_INVALID;
			dot = true;
			continue;
		}
		digits = true;
		nonzero |= *s != '0';
	}
	if (!digits || !suffix_ok(s))
		return KA_QUANTITY_INVALID;
	return !nonzero	  ? KA_QUANTITY_ZERO
	       : negative ? KA_QUANTITY_NEGATIVE
			  : KA_QUANTITY_POSITIVE;
}
