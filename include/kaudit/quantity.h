/*
 * Kubernetes resource quantities ("512Mi", "1G", "0.5Gi", "1e3", 100), as
 * the API reads them (k8s.io/apimachinery resource.ParseQuantity): a
 * signed decimal number and one suffix, binary (Ki..Ei), decimal (n, u,
 * m, k, M, G, T, P, E) or an exponent (e3, E-2).
 */
#ifndef KAUDIT_QUANTITY_H
#define KAUDIT_QUANTITY_H

#include <stdbool.h>

enum ka_quantity_sign {
	KA_QUANTITY_INVALID, /* the API refuses it */
	KA_QUANTITY_ZERO,
	KA_QUANTITY_POSITIVE,
	KA_QUANTITY_NEGATIVE,
};

/* What the quantity s is: invalid, zero, positive or negative. */
enum ka_quantity_sign ka_quantity_sign(const char *s);

#endif
