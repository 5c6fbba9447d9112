/*
 * default_flags.h: libFuzzer flags a target needs to run fast, put before
 * the command line's own (a flag given there wins: libFuzzer reads the
 * arguments in order). libFuzzer calls LLVMFuzzerInitialize before it
 * parses the arguments, and lets it change them.
 *
 * What the flags are for: the entropic power schedule (on by default)
 * updates a frequency for every feature of every run, and a target with
 * tens of thousands of features (the whole analysis) spent 70% of its
 * time there, at 16 runs a second; -entropic=0 keeps the plain schedule.
 */
#ifndef RASD_FUZZ_DEFAULT_FLAGS_H
#define RASD_FUZZ_DEFAULT_FLAGS_H

#include <stdlib.h>

static void fuzz_default_flags(int *argc, char ***argv, const char *const *flags, int n) {
    char **out = malloc(sizeof *out * (size_t)(*argc + n + 1));
    if (!out) abort();
    int k = 0;
    out[k++] = (*argv)[0];
    for (int i = 0; i < n; i++) out[k++] = (char *)flags[i];
    for (int i = 1; i < *argc; i++) out[k++] = (*argv)[i];
    out[k] = NULL;
    *argc = k;
    *argv = out; /* kept for the life of the process, as libFuzzer keeps argv */
}

#endif
