/* UTF-16 to UTF-8, a read at a time: see kaudit/utf16.h. */
#include "kaudit/utf16.h"

#include <stdint.h>
#include <string.h>

size_t ka_utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/*
 * UTF-16 bytes in[0..n) (after carry) to UTF-8 in out; what does not
 * make a whole unit or pair yet is carried to the next read. An unpaired
 * surrogate is U+FFFD, as Go's decoder makes it. Returns bytes written.
 */
size_t ka_utf16_decode(bool big, unsigned char carry[4], size_t *ncarry,
		       const unsigned char *in, size_t n, char *out, bool last)
{
	unsigned char b[4];
	size_t o = 0, i = 0;

	for (;;) {
		uint32_t u, u2;

		while (*ncarry < 4 && i < n)
			carry[(*ncarry)++] = in[i++];
		if (*ncarry < 2)
			break;
		memcpy(b, carry, 4);
		u = !big ? (uint32_t)(b[0] | b[1] << 8)
			 : (uint32_t)(b[0] << 8 | b[1]);
		if (u >= 0xd800 && u < 0xdc00 && *ncarry < 4 && !last)
			break; /* a high surrogate: wait for its pair */
		u2 = !big ? (uint32_t)(b[2] | b[3] << 8)
			  : (uint32_t)(b[2] << 8 | b[3]);
		if (u >= 0xd800 && u < 0xdc00 && *ncarry == 4 && u2 >= 0xdc00 &&
		    u2 < 0xe000) {
			o += ka_utf8_put(out + o, 0x10000 +
						      ((u - 0xd800) << 10) +
						      (u2 - 0xdc00));
			*ncarry = 0;
			continue;
		}
		o += ka_utf8_put(out + o,
				 u >= 0xd800 && u < 0xe000 ? 0xfffd : u);
		memmove(carry, carry + 2, *ncarry - 2);
		*ncarry -= 2;
	}
	if (last && *ncarry) /* an odd byte at the end */
		o += ka_utf8_put(out + o, 0xfffd), *ncarry = 0;
	return o;
}
