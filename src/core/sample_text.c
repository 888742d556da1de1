/*
 * Realistic text for the demo store and the benchmarks: questions people ask in the hall,
 * in Kazakh and Russian, with the department that usually answers them. Shared so that
 * the demo and the benchmark measure the same kind of text.
 */
#include "core/sample_text.h"

#include <string.h>

#include "util/xmalloc.h"


static const char EX_UTIL[] = "Тұрғын үй-коммуналдық шаруашылығы бөлімі";
static const char EX_ROADS[] = "Отдел пассажирского транспорта и автомобильных дорог";
static const char EX_EDU[] = "Білім бөлімі";
static const char EX_HEALTH[] = "Отдел здравоохранения";
static const char EX_LAND[] = "Жер қатынастары бөлімі";
static const char EX_SOCIAL[] = "Отдел занятости и социальных программ";
static const char EX_CULTURE[] = "Мәдениет және тілдерді дамыту бөлімі";

const struct sample_question sample_questions[] = {
	{ "су", "%s ауылында ауыз су құбыры қашан тартылады? Жазда су жиі өшеді.", false,
	  EX_UTIL },
	{ "жол", "%s ауылының орталық көшесіндегі жол қашан жөнделеді?", false, EX_ROADS },
	{ "мектеп", "%s мектебінде спорт залы жоқ, балалар қыста қайда шынықсын?", false, EX_EDU },
	{ "газ", "%s ауылына табиғи газ қашан келеді? Көмір қымбат.", false, EX_UTIL },
	{ "денсаулық", "%s медициналық пунктінде дәрігер аптасына бір-ақ рет келеді.", false,
	  EX_HEALTH },
	{ "жұмыс", "%s жастарына жұмыс орындарын ашу жоспары бар ма?", false, EX_SOCIAL },
	{ "жер", "%s маңындағы жайылымдық жерлер кімге бөлінді? Малды қайда бағамыз?", false,
	  EX_LAND },
	{ "интернет", "%s ауылында мобильді интернет мүлдем ұстамайды.", false, EX_UTIL },
	{ "жарық", "%s ауылында көше жарығы жоқ, кешке балалар қараңғыда жүреді.", false,
	  EX_UTIL },
	{ "балабақша", "%s ауылында балабақшаға кезек үш жылға созылды.", false, EX_EDU },
	{ "мәдениет", "%s мәдениет үйінің шатыры ағып тұр, жөндеу қашан болады?", false,
	  EX_CULTURE },
	{ "көлік", "%s ауылынан аудан орталығына автобус күніне бір-ақ рет қатынайды.", false,
	  EX_ROADS },
	{ "вода", "Когда в село %s проведут водопровод? Воду возим из соседнего села.", true,
	  EX_UTIL },
	{ "дороги", "Дорога от трассы до села %s разбита, скорая не может проехать.", true,
	  EX_ROADS },
	{ "освещение", "В селе %s нет уличного освещения, дети ходят в школу в темноте.", true,
	  EX_UTIL },
	{ "газ", "Когда будет газификация села %s? Обещали ещё в прошлом году.", true, EX_UTIL },
	{ "здравоохранение", "В селе %s закрыли фельдшерский пункт, куда обращаться пожилым?",
	  true, EX_HEALTH },
	{ "образование", "В школе села %s не хватает учителей математики и физики.", true,
	  EX_EDU },
	{ "земля", "Прошу разъяснить порядок получения земельного участка в селе %s под ИЖС.",
	  true, EX_LAND },
	{ "транспорт", "Автобус из села %s в районный центр ходит один раз в день.", true,
	  EX_ROADS },
	{ "ЖКХ", "В селе %s мусор не вывозят уже месяц, свалка у реки.", true, EX_UTIL },
	{ "соцзащита", "Многодетным семьям села %s задерживают выплату адресной помощи.", true,
	  EX_SOCIAL },
	{ "связь", "В селе %s нет стабильной мобильной связи, интернет пропадает каждый день.",
	  true, EX_UTIL },
	{ "спорт", "Молодёжь села %s просит построить спортивную площадку у школы.", true,
	  EX_CULTURE },
};
const size_t sample_nquestions = sizeof sample_questions / sizeof sample_questions[0];

/* Sentences that make a question longer, as people add context in the hall. */
const char *const sample_more_kk[SAMPLE_NMORE] = {
	"Бұл мәселе бойынша былтыр да өтініш бергенбіз, бірақ жауап болмады.",
	"Ауыл тұрғындары атынан сұрап отырмын.",
	"Әкімдіктен нақты мерзімін айтып беруін сұраймыз.",
	"Қыста жағдай одан да қиындайды.",
	"Жергілікті депутатқа да айтқанбыз.",
	"Балалар мен қарттар қиналып жүр.",
	"Қаражат бөлінді ме, әлде келесі жылға қалдырылды ма?",
	"eOtinish арқылы да жазғанмын, әлі қаралып жатыр дейді.",
	"Мердігер жұмысты бастап, жартылай тастап кетті.",
	"Осы мәселені шешуге көмектесулеріңізді сұраймын.",
};

const char *const sample_more_ru[SAMPLE_NMORE] = {
	"Мы уже обращались по этому вопросу в прошлом году, ответа не получили.",
	"Спрашиваю от имени жителей нашей улицы.",
	"Просим назвать конкретные сроки.",
	"Зимой ситуация становится ещё хуже.",
	"Говорили и местному депутату маслихата.",
	"Больше всего страдают дети и пожилые люди.",
	"Выделены ли средства или перенесли на следующий год?",
	"Писали через eOtinish, ответили, что вопрос на рассмотрении.",
	"Подрядчик начал работы и бросил их на полпути.",
	"Просим взять вопрос на личный контроль.",
};

const char *const sample_askers[SAMPLE_NASKERS] = {
	"Айгүл Сейітқызы", "Ерлан Жұмабаев", "Гульнара Ким", "Сергей Петренко",
	"Нұрлан Әбенов", "Динара Оспанова", "Бауыржан Төлеуов", "Ольга Иванова",
};

const char *const sample_steps[SAMPLE_NSTEPS] = {
	"Жобалау-сметалық құжаттаманы әзірлеу",
	"Мемлекеттік сатып алу конкурсын өткізу",
	"Провести обследование и подготовить смету",
	"Включить в бюджетную заявку на следующий год",
};

char *
sample_fill(const char *tpl, const char *place)
{
	const char *at = strstr(tpl, "%s");

	/* Templates are data, not formats: exactly one "%s", replaced by hand. */
	if (at == NULL)
		return xstrdup(tpl);
	return xasprintf("%.*s%s%s", (int)(at - tpl), tpl, place, at + 2);
}

/*
 * A unit's name as people say it: "Шаян а." and "с.Шаян" are both "Шаян". The classifier
 * writes abbreviations (those with a dot) as the first word glued to the name (Russian) or
 * as the last word (Kazakh).
 */
char *
sample_plain_name(const char *name)
{
	const char *start = name, *sp, *dot;
	size_t n;

	sp = strchr(name, ' ');
	dot = strchr(name, '.');
	if (dot != NULL && (sp == NULL || dot < sp)) {
		/* "с.Шаян", "г.Семей": skip to after the last dot of the first word. */
		while ((dot = strchr(start, '.')) != NULL && (sp == NULL || dot < sp))
			start = dot + 1;
		while (*start == ' ')
			start++;
	}
	n = strlen(start);
	sp = strrchr(start, ' ');
	if (sp != NULL && strchr(sp, '.') != NULL)
		n = (size_t)(sp - start);
	if (n == 0)
		return xstrdup(name);
	return xstrndup(start, n);
}
