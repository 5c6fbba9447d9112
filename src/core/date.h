/*
 * date.h: the one calendar of the code base. Every computation on days
 * (story windows, relative dates in text, web page dates, the validation of
 * a publication date) goes through these few functions, so that a date is
 * read and checked in one place and means the same everywhere: a day number
 * counts days since 1970-01-01 in the proleptic Gregorian calendar.
 */
#ifndef RASD_DATE_H
#define RASD_DATE_H

#include <stdbool.h>

/* Days since 1970-01-01 of year y, month m (1-12), day d; any y. */
long rasd_days_from_civil(int y, int m, int d);
/* The inverse of rasd_days_from_civil. */
void rasd_civil_from_days(long days, int *y, int *m, int *d);
/* Days in month m (1-12) of year y, leap years counted. */
int rasd_days_in_month(int y, int m);
/* 1 Monday .. 7 Sunday. */
int rasd_iso_weekday(long days);
/* Reads exactly "YYYY-MM-DD" (year 0001 to 9999, a real day of that
 * month) into *days; false, *days untouched, otherwise. */
bool rasd_date_parse(const char *s, long *days);
/* Writes the day as "YYYY-MM-DD" into out (years 1 to 9999). */
void rasd_date_format(long days, char out[11]);

#endif
