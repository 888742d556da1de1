/* Sample text in Kazakh and Russian for the demo store and the benchmarks. */
#ifndef KZ_SAMPLE_TEXT_H
#define KZ_SAMPLE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct sample_question {
	const char *topic;
	const char *text;	/* one "%s": the place, in the template's language */
	bool ru;		/* Russian (else Kazakh) */
	const char *executor;	/* the department that usually answers it */
};

#define SAMPLE_NMORE 10
#define SAMPLE_NASKERS 8
#define SAMPLE_NSTEPS 4

extern const struct sample_question sample_questions[];
extern const size_t sample_nquestions;
/* Sentences people add for context, by language. */
extern const char *const sample_more_kk[SAMPLE_NMORE];
extern const char *const sample_more_ru[SAMPLE_NMORE];
extern const char *const sample_askers[SAMPLE_NASKERS];
/* Steps of an action plan. */
extern const char *const sample_steps[SAMPLE_NSTEPS];

/* A unit's name as people say it: "Шаян а." and "с.Шаян" are both "Шаян"; malloc'd. */
char *sample_plain_name(const char *name);
/* The template with its "%s" replaced by place; malloc'd. */
char *sample_fill(const char *tpl, const char *place);

#endif
