/*
 * cameo.h: the English names of CAMEO event codes, for tables and views
 * that show a code's meaning beside it.
 */
#ifndef RASD_CAMEO_H
#define RASD_CAMEO_H

/* The codebook's name of a CAMEO event code ("0841": "Return, release
 * person(s)"; a two-digit root: its category, "19": "Fight"); NULL for a
 * code the codebook does not have. */
const char *rasd_cameo_label(const char *code);

/* The name of the code's root (its first two digits): "1823" -> "Assault". */
const char *rasd_cameo_root_label(const char *code);

#endif
