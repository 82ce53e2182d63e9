"""Casualty figures (killed / injured) in English conflict reporting, coded the ACLED way.

``find_casualties`` reads every figure it can support with a phrase of the text; the other
functions fold those figures into one number following the ACLED codebook:

* A figure with a qualifier is coded at its lowest confirmed value: "between 10 and 15" -> 10,
  "at least 5" -> 5, "more than 30" / "over 100" -> 30 / 100, "nearly 40" / "almost 40" -> 40.
  "up to 20" has no lower bound (low=1, best=high=20); ACLED still codes 20 when that is the only
  figure, so the coded value of an "up to" figure is its best, not its low.
* Vague quantities come from kb/number_words.tsv ("dozens" -> 12, "several" -> 3, "hundreds" ->
  100); "many" is never quantified.
* Victims in one phrase are added up ("killing two children and a woman" -> 3). Figures for
  distinct victim groups in one text are added up ("killing 3 soldiers. 2 militants were also
  killed" -> 5). Conflicting reports about the same group - the same victim noun, or reports of
  the overall toll ("12 people", "the death toll rose to 15") - take the lowest figure. A total is
  not added to its own breakdown: the answer is the larger of (sum over distinct groups) and
  (lowest overall toll), so "10 people were killed, including 3 children" -> 10.
* "the man died" / "killing the soldier" refer back to someone already counted, so such a
  definite singular ("the man", "him", "the other") counts only when the text has no other figure.
* The coder's own line in an ACLED note is authoritative: "fatalities coded as 6" beats anything
  read from the prose, and "N fatalities" (digits) beats the prose too. "split between 3 events" /
  "spread across 3 locations" divides the total, rounded half up (ACLED spreads the remainder over
  some of the events, so nearest is right for most rows).
* In a protest note (ACLED tags those "[size=...]"), a death in a clause giving the cause ("rallied
  after police killed a man", "over the death of") is not an outcome of the event and is not coded.
* "[size=...]" is crowd size, never a casualty figure; it is blanked before matching.
* Explicit negations ("no casualties", "no one was killed", "killed nobody") yield a 0 figure.
* Guards: years, ages ("a 25-year-old"), times, money ("$5 million"), ids ("Resolution 2254") and
  perpetrator counts in active clauses ("5 gunmen killed 3 villagers" -> 3) are not figures; a
  number before "killed" counts only in a passive or headline clause ("5 gunmen were killed").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..kb import read_tsv

KILLED = "killed"
INJURED = "injured"

# qualifier tags kept on a figure so the folding rules above can tell figures apart
_PLAIN = ""
_UP_TO = "up to"
_CODED = "coded"  # "fatalities coded as N": the ACLED coder's own figure
_TALLY = "tally"  # "N fatalities" with digits: the coder's closing line in ACLED notes
_ANAPHORIC = "anaphoric"  # "the man died": refers back to someone probably counted already
_TOTAL = "total"  # "death toll of N": an overall count, never a distinct group
_OTHERS = "others"  # "N others": by definition a group distinct from what came before
_NEGATED = "negated"


@dataclass(frozen=True)
class CasualtyCount:
    kind: str  # "killed" | "injured"
    low: int
    best: int
    high: int
    start: int
    end: int
    text: str
    who: str | None
    qualifier: str = _PLAIN

    @property
    def coded(self) -> int:
        """The single number ACLED would code for this figure alone."""
        return self.best if self.qualifier == _UP_TO else self.low


# --- vocabulary -------------------------------------------------------------------------------

_PERSON_NOUNS = (
    "person people persons individual individuals civilian civilians soldier soldiers militant "
    "militants fighter fighters man men woman women child children boy boys girl girls baby babies "
    "infant infants toddler toddlers teenager teenagers teen teens youth youths minor minors adult "
    "adults student students pupil pupils farmer farmers villager villagers resident residents "
    "worker workers officer officers policeman policemen policewoman policewomen police cop cops "
    "gendarme gendarmes guard guards trooper troopers troops personnel member members insurgent "
    "insurgents rebel rebels gunman gunmen attacker attackers assailant assailants terrorist "
    "terrorists jihadist jihadists extremist extremists combatant combatants protester protesters "
    "protestor protestors demonstrator demonstrators suspect suspects criminal criminals "
    "trafficker traffickers dealer dealers robber robbers bandit bandits kidnapper kidnappers "
    "herder herders herdsman herdsmen pastoralist pastoralists fisherman fishermen driver drivers "
    "passenger passengers pedestrian pedestrians journalist journalists reporter reporters doctor "
    "doctors nurse nurses teacher teachers leader leaders commander commanders chief chiefs "
    "official officials politician politicians mayor mayors councillor councillors councilor "
    "councilors activist activists prisoner prisoners inmate inmates detainee detainees hostage "
    "hostages refugee refugees migrant migrants worshipper worshippers worshipers pilgrim pilgrims "
    "militiaman militiamen cadre cadres element elements operative operatives recruit recruits "
    "victim victims relative relatives brother brothers sister sisters son sons daughter daughters "
    "father fathers mother mothers husband husbands wife wives trader traders businessman "
    "businessmen merchant merchants shopkeeper shopkeepers miner miners shepherd shepherds hunter "
    "hunters priest priests imam imams pastor pastors monk monks cleric clerics elder elders "
    "citizen citizens inhabitant inhabitants occupant occupants employee employees contractor "
    "contractors bodyguard bodyguards vigilante vigilantes volunteer volunteers cadet cadets "
    "marine marines sailor sailors pilot pilots paramilitary paramilitaries mercenary mercenaries "
    "sergeant sergeants lieutenant lieutenants captain captains colonel colonels ranger rangers "
    "agent agents fighter fighters jawan jawans motorist motorists cyclist cyclists family families "
    "bystander bystanders local laborer laborers labourer labourers tribesman tribesmen clansman "
    "clansmen guerrilla guerrillas gangster gangsters thief thieves "
    "engineer engineers lawyer lawyers judge judges chairman headman sarpanch watchman vendor "
    "vendors mechanic owner owners manager informant informants smuggler smugglers poacher "
    "poachers neighbour neighbor cousin nephew uncle grandson grandfather "
    "bomber bombers raider raiders looter looters "
    "others other"
).split()
_PLURAL_NOUNS = frozenset({"police", "personnel", "troops", "others", "people"})
_SINGULAR_NOUNS = frozenset(
    n for n in _PERSON_NOUNS
    if n not in _PLURAL_NOUNS and not (n.endswith("s") and n[:-1] in _PERSON_NOUNS)
    and not n.endswith("men") and n not in ("children", "wives", "thieves", "bystanders")
    and not (n.endswith("ies") and n[:-3] + "y" in _PERSON_NOUNS)
)
_PERSON_ALT = "|".join(sorted(set(_PERSON_NOUNS), key=len, reverse=True))

_IRREGULAR_SINGULAR = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "persons": "person",
    "policemen": "policeman", "policewomen": "policewoman", "gunmen": "gunman", "wives": "wife",
    "herdsmen": "herdsman", "fishermen": "fisherman", "militiamen": "militiaman", "babies": "baby",
    "businessmen": "businessman", "families": "family", "mercenaries": "mercenary",
    "paramilitaries": "paramilitary", "tribesmen": "tribesman", "clansmen": "clansman",
    "thieves": "thief", "police": "police", "personnel": "personnel", "troops": "troop",
}
# victims named this way are reports of the overall toll rather than a distinct group
_GENERIC_NOUNS = frozenset({"person", "individual", "victim"})

_QUALIFIER = (
    r"(?:at\s+least|a\s+minimum\s+of|no\s+(?:fewer|less)\s+than|more\s+than|over|in\s+excess\s+of|"
    r"upwards?\s+of|nearly|almost|close\s+to|about|around|approximately|roughly|an\s+estimated|"
    r"estimated|some|up\s+to|as\s+many\s+as|at\s+most|between|only|another|an\s+additional|"
    r"a\s+further|a\s+total\s+of|at\s+a\s+minimum)"
)

# words that end a run of modifiers before a victim noun: auxiliaries, verbs, connectives
# lower case only, so an acronym like "IS" (Islamic State) can still be a modifier
_STOP = (
    r"(?-i:and|or|but|of|in|on|at|to|by|for|with|from|during|while|when|after|before|as|were|was|"
    r"are|is|be|been|being|have|has|had|who|whom|which|that|killed|killing|dead|died|injured|"
    r"wounded|hurt|injuring|wounding|including|reportedly|allegedly)\b"
)
_MOD = rf"(?!{_STOP})[A-Za-z0-9](?:[\w'’&/-]|\.(?=\w))*"
_MODS = rf"(?:{_MOD}\s+){{0,3}}"
_PERSON = rf"(?:{_PERSON_ALT})\b"
_PERSON_SINGULAR = rf"(?:{'|'.join(sorted(_SINGULAR_NOUNS, key=len, reverse=True))})\b"

_KILL_PASSIVE = (
    r"(?:killed|dead|died|slain|executed|massacred|beheaded|decapitated|murdered|lynched|"
    r"assassinated|perished|shot\s+dead|shot\s+to\s+death|stabbed\s+to\s+death|"
    r"hacked\s+to\s+death|beaten\s+to\s+death|burn(?:ed|t)\s+to\s+death|gunned\s+down|"
    r"lost\s+their\s+lives|lost\s+(?:his|her)\s+life|succumbed|drowned)"
)
_INJURE_PASSIVE = r"(?:injured|wounded|hurt|maimed)"
_AUX = (
    r"(?:\s+(?:were|was|are|is|have\s+been|has\s+been|had\s+been|got|been|being|reportedly|"
    r"allegedly|also|later|all|reported(?:ly)?|confirmed|believed\s+to\s+(?:have\s+been|be)|"
    r"said\s+to\s+(?:have\s+been|be)|feared|presumed|subsequently|eventually|immediately|"
    r"instantly|found|left|lying|shot\s+and|fatally|critically|seriously|severely|gravely|badly|"
    r"slightly|lightly|mortally|both|each|either|then|consequently|thereby)){0,4}"
)
# a clause whose verb takes an object is active: its subject is the perpetrator, not the victim
_NOT_ACTIVE = (
    rf"(?!\s+(?!\d+\s+(?:others?\s+|people\s+)?(?:injured|wounded|hurt)\b)(?:\d|a\b|an\b|the\b|his\b|"
    rf"her\b|their\b|one\b|two\b|three\b|four\b|five\b|several\b|dozens\b|at\s+least\b|{_PERSON}))"
    # "killed, injured or captured" lumps outcomes together: no figure for any one of them
    r"(?!(?:\s*,\s*|\s+or\s+)(?:killed|dead|injured|wounded|captured|arrested|detained|missing|abducted)\b)"
)

_KILL_ACTIVE = (
    r"(?:killed|killing|kills|shot\s+dead|shooting\s+dead|shot\s+and\s+killed|"
    r"shooting\s+and\s+killing|massacred|massacring|executed|executing|beheaded|beheading|"
    r"murdered|murdering|slew|slaying|assassinated|assassinating|lynched|lynching|"
    r"gunned\s+down|gunning\s+down|claimed\s+the\s+lives\s+of|claiming\s+the\s+lives\s+of|"
    r"(?:resulting|resulted|leading|led|causing|caused)\s+(?:in|to)\s+the\s+deaths?\s+of|"
    r"(?:resulting|resulted|leading|led)\s+(?:in|to)\s+deaths?\s+of|fatally\s+(?:shot|shooting|stabbed|stabbing|"
    r"wounded|wounding|injured|injuring))"
)
_INJURE_ACTIVE = r"(?:injured|injuring|injures|wounded|wounding|wounds|maimed|maiming|hurting)"


# single vague words that sit among the units by value but must not combine with "hundred"
_VAGUE_SINGLE = frozenset({"several", "some", "few", "dozen", "dozens", "scores", "hundreds", "thousands"})

@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    return {row["word"].strip().lower(): int(row["value"]) for row in read_tsv("number_words.tsv")}


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def _is_multiplier(word: str, value: int) -> bool:
    return value in (100, 1000) and " " not in word and not word.endswith("s")


def _number_pattern() -> str:
    words = _number_words()
    units = [w for w, v in words.items() if v < 20 and " " not in w and w not in _VAGUE_SINGLE]
    tens = [w for w, v in words.items() if 20 <= v < 100 and v % 10 == 0 and " " not in w]
    mults = [w for w, v in words.items() if _is_multiplier(w, v)]
    atoms = [w for w in words if w not in units and w not in tens and w not in mults]
    small = rf"(?:(?:{_alt(tens)})(?:[-\s](?:{_alt(units)}))?|(?:{_alt(units)}))"
    compound = rf"{small}(?:\s+(?:{_alt(mults)})(?:\s+(?:and\s+)?{small})?)?"
    # a year, an id or an amount of money is never a head count; an age or a duration neither
    digits = (
        r"(?<![\d$£€.,:/#-])(?:\d{1,3}(?:,\d{3})+|\d+)(?![\d,.:/%]\d|\d|%|\s*(?:-|\s)\s*(?:year|yr|"
        r"month|week|day|hour|minute|km|kilomet|mile|met|percent|per\s+cent|million|billion|"
        r"am\b|pm\b|a\.m|p\.m|GMT|local\s+time|o'clock))"
    )
    return rf"(?:{digits}|\b(?:{_alt(atoms)}|{compound})\b)"


_NUM = _number_pattern()
_NUMX = (
    rf"(?:(?P<q>{_QUALIFIER})\s+)?(?P<n>{_NUM})(?:\s*(?:-|–|to|and|or)\s*(?P<n2>{_NUM}))?"
)
_NUMX_PLAIN = _NUMX.replace("?P<q>", "?:").replace("?P<n>", "?:").replace("?P<n2>", "?:")
_NUMGROUP = (
    rf"(?:the\s+)?{_NUMX_PLAIN}(?:\s+(?:of\s+(?:them|whom|those|the\s+{_MODS}{_PERSON})|"
    rf"{_MODS}{_PERSON}(?:\s+of\s+(?:the\s+|a\s+)?(?:{_MOD}\s+){{0,3}}{_MOD})?|"
    # capitalised names of groups stand for their members ("3 Fulani", "killed 4 SSPDF")
    rf"(?-i:[A-Z][\w'’&/-]*)(?:\s+(?-i:[A-Z][\w'’&/-]*)){{0,2}}(?![\w'’&/-])))?"
    # an appositive inside the subject ("two militants, including a commander, were killed")
    rf"(?:,?\s+including\s+[^,.;()]{{1,50}}?,?(?=\s+(?:were|was|had|have|are)\b))?"
)
_SINGLE = (
    rf"(?:\b(?:a|an|one|his|her|their)\s+{_MODS}(?!others\b|other\b){_PERSON}|\banother(?:\s+{_MODS}{_PERSON})?)"
)
_DEFINITE = rf"(?:\bthe\s+{_MODS}(?!other\b){_PERSON_SINGULAR})"
_GROUP = rf"(?:{_NUMGROUP}|{_SINGLE}|{_DEFINITE})"
# a later item may lack a number ("seven soldiers and alleged mercenaries"): it adds nothing
_GROUPS = (
    rf"{_GROUP}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)(?:{_GROUP}|{_MODS}{_PERSON}))*"
)

# a bare number after an active verb must end its phrase, else "executed 3 attacks" would count
_BARE_END = (
    r"(?=\s*(?:[,.;:)\]]|$)|\s+(?:and|in|on|at|of|during|while|when|after|before|including|with|"
    r"near|as|from|inside|outside|across|but|others?|more|so\s+far|overall|instantly|"
    r"immediately|yesterday|today|people|persons)\b)"
)

_GROUP_RE = re.compile(rf"(?P<num>{_NUMX})|(?P<single>{_SINGLE})|(?P<definite>{_DEFINITE})", re.I)
_NUM_RE = re.compile(_NUM, re.I)
_WORD_RE = re.compile(r"[a-z]+")

_PASSIVE_RE = {
    kind: re.compile(
        rf"(?<![\w-])(?P<g>{_GROUPS}){_AUX}\s+(?P<v>{verb})\b{_NOT_ACTIVE}", re.I
    )
    for kind, verb in ((KILLED, _KILL_PASSIVE), (INJURED, _INJURE_PASSIVE))
}
_ACTIVE_RE = {
    kind: re.compile(
        rf"\b(?P<v>{verb})\s+(?:(?:at\s+least|some|up\s+to|over)\s+)?(?P<g>{_GROUPS})", re.I
    )
    for kind, verb in ((KILLED, _KILL_ACTIVE), (INJURED, _INJURE_ACTIVE))
}
_DEFINITE_RE = {
    kind: re.compile(rf"(?:\b(?P<v1>{active})\s+(?P<g1>{_DEFINITE})|(?<![\w-])(?P<g2>{_DEFINITE}){_AUX}\s+(?:{passive})\b{_NOT_ACTIVE})", re.I)
    for kind, active, passive in (
        (KILLED, _KILL_ACTIVE, _KILL_PASSIVE), (INJURED, _INJURE_ACTIVE, _INJURE_PASSIVE)
    )
}
# an unnamed victim in a passive killing clause is a person whatever the noun ("a laborer was shot
# dead"); "executed" is left out because plans and attacks get executed too
_OPEN_SINGLE_RE = re.compile(
    rf"\b(?P<det>a|an|the)\s+(?:(?!(?:was|were|is|and|who|which|that)\b)[A-Za-z0-9][\w'’.&/-]*\s+){{0,6}}?(?:was|has\s+been|had\s+been)(?:\s+(?:reportedly|allegedly|"
    rf"also|later|then|subsequently|found|[a-z]+ed\s+and))*\s+(?:killed|shot\s+dead|shot\s+to\s+death|"
    rf"stabbed\s+to\s+death|beaten\s+to\s+death|hacked\s+to\s+death|murdered|slain|beheaded|"
    rf"decapitated|lynched|assassinated|gunned\s+down|found\s+dead|dead)\b{_NOT_ACTIVE}",
    re.I,
)
# a pronoun or "the other" stands for one victim introduced earlier in the text
_PRONOUN_RE = {
    KILLED: re.compile(
        rf"\b(?:{_KILL_ACTIVE})\s+(?:him|her)\b|\bshot\s+(?:him|her)\s+dead\b|"
        rf"\bthe\s+other(?:\s+one)?\s+(?:was\s+(?:also\s+)?)?(?:{_KILL_PASSIVE})\b|"
        rf"\b(?:another|one\s+more|a\s+further|an\s+additional)\s+(?:death|fatality|casualty)\b|"
        rf"\b(?:resulting|resulted|leading|led|causing|caused)\s+(?:in|to)\s+(?:his|her)\s+death\b",
        re.I,
    ),
    INJURED: re.compile(
        rf"\b(?:{_INJURE_ACTIVE})\s+(?:him|her)\b|"
        rf"\bthe\s+other(?:\s+one)?\s+(?:was\s+(?:also\s+)?)?(?:{_INJURE_PASSIVE})\b",
        re.I,
    ),
}
# "shot two men to death": the victims sit between the verb and its result
_SHOT_TO_DEATH_RE = re.compile(
    rf"\b(?:shot|shooting)\s+(?P<g>{_GROUPS})\s+(?:to\s+death|dead)\b|"
    rf"\b[a-z]+(?:ed|ing)\s+(?P<g2>{_GROUPS})\s+to\s+death\b",
    re.I,
)
_TOLL_RE = re.compile(
    rf"\b(?:death\s+toll|toll|number\s+of\s+(?:dead|deaths|fatalities))"
    rf"(?:\s+(?:from|in|of)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?(?=\s+(?:has|had|have|rose|risen|climbed|reached|"
    rf"increased|jumped|stood|stands|is|was|went)\b))?(?:\s+(?:has|had|have|later|"
    rf"reportedly|now|then|also|officially))*(?:\s+(?:rose|risen|rises|climbed|climbs|reached|"
    rf"reaches|increased|jumped|stood|stands|stands\s+at|is|was|went\s+up))?\s+(?:to|of|at|from)\s+"
    rf"{_NUMX}",
    re.I,
)
_DEATHS_RE = re.compile(rf"(?<![\w-]){_NUMX}\s+(?:(?:more|other|confirmed|reported|civilian|further)\s+)?(?P<w>deaths?|dead)\b", re.I)
_LEAVING_RE = re.compile(
    rf"\b(?:leaving|left)\s+(?P<g>{_NUMGROUP})\s+(?P<v>dead|injured|wounded|hurt)\b", re.I
)
_BODIES_RE = re.compile(
    rf"(?:(?<![\w-])(?P<num>{_NUMX})\s+(?:{_MODS})?(?:bodies|corpses)\b|\b(?:bod(?:y|ies)|corpses?|remains)\s+of\s+(?P<g>{_GROUPS}))",
    re.I,
)
_TALLY_RE = re.compile(
    rf"(?<![\w-])(?:(?:at\s+least|a\s+total\s+of)\s+)?(?P<n>\d{{1,3}}(?:,\d{{3}})+|\d+)\s+"
    rf"(?:{_MOD}\s+){{0,2}}?fatalit(?:y|ies)\b",
    re.I,
)
_CODED_RE = re.compile(
    rf"\b(?:fatalit\w*|deaths|killed|dead)\b[^.;\[]{{0,60}}?\bcoded\s+as\s+(?P<n>{_NUM})|"
    rf"\bcoded\s+as\s+(?P<n2>{_NUM})\s+(?:fatalit\w*|deaths|killed|dead)\b",
    re.I,
)
_SPLIT_RE = re.compile(
    rf"\b(?:split|spread|divided|distributed|coded)(?:\s+up)?(?:\s+equally|\s+evenly)?\s+"
    rf"(?:between|across|among|over|into|in)\s+(?P<n>{_NUM})\s+(?:\w+\s+)?"
    rf"(?:events|locations|areas|days|incidents|districts|villages|fronts|frontlines|places|sites)\b",
    re.I,
)
_NEGATION_RE = re.compile(
    r"\b(?:no|without(?:\s+any)?|zero)\s+(?:(?:reported|immediate|known|human|further|other)\s+)?"
    r"(?P<w>casualties|casualty|fatalities|fatality|deaths|dead|injuries|injured|one\s+was\s+"
    r"(?:killed|hurt|injured|wounded)|one\s+died|lives\s+were\s+lost|loss\s+of\s+life)\b|"
    r"\bnobody\s+(?:was\s+)?(?P<w2>killed|hurt|injured|wounded|died)\b|"
    r"\b(?P<w3>killed|injured|wounded|hurt|killing|injuring)\s+(?:no\s+one|nobody)\b",
    re.I,
)
# ACLED closes every protest and riot note with a crowd size tag
# Every rule above needs one of these stems; most sentences have none and skip the rules (checked
# against 15,000 sentences: no figure is lost). A new verb in a rule must be added here too.
_MAY_COUNT_RE = re.compile(
    r"kill|dead|death|die|slain|slew|slay|execut|massac|behead|decapit|murder|lynch|assassin|perish|gunn|"
    r"lost|succumb|drown|injur|wound|hurt|maim|casualt|fatal|bod(?:y|ies)|corpse|remains|toll|lives|life",
    re.I,
)
_PROTEST_NOTE_RE = re.compile(r"\[size=", re.I)
_PROTEST_RE = re.compile(r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|march(?:ed|es)?|sit-in|vigil)\b", re.I)
_CAUSE_RE = re.compile(
    r"\b(?:after|following|over|against|demand\w*|justice|funeral|mourn\w*|commemorat\w*|vigil|"
    r"anniversary|memory|protest\w*|denounc\w*|condemn\w*|outrage|the\s+body\s+of)\b",
    re.I,
)
_CROWD_RE = re.compile(r"\[size=[^\]]*\]", re.I)
_YEAR_RE = re.compile(r"^(?:1[89]|20)\d\d$")
_IDS_BEFORE_RE = re.compile(
    r"(?:resolution|no\.|number|article|route|highway|road|flight|unit|brigade|battalion|division|"
    r"regiment|sector|block|km|kilometre|kilometer|mile|section|chapter|page|zone|phase|#|ward|"
    r"district|street|lgs?a?)\s*$",
    re.I,
)
_MONTH = (r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
# a date's day and year are not head counts: "13 October 2016 Two children killed" is two, "Jul 2016 29
# civilians" twenty-nine; "May 5 people" keeps its figure (a day is not followed by a victim noun)
_DATE_RE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?:1[89]|20)\d\d\b)?"
    rf"|{_MONTH}\s+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:1[89]|20)\d\d\b|(?:1[89]|20)\d\d\b"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\b(?!\s+{_PERSON})))", re.I)


def parse_number(phrase: str) -> int | None:
    """The value of a numeral or number-word phrase ("1,200", "twenty-three", "a dozen"), or None."""
    cleaned = " ".join(phrase.lower().replace(",", "").split())
    if cleaned.isdigit():
        return int(cleaned)
    words = _number_words()
    if cleaned in words:
        return words[cleaned]
    total = current = 0
    seen = False
    for token in re.split(r"[\s-]+", cleaned):
        if token == "and":
            continue
        value = words.get(token)
        if value is None:
            return None
        seen = True
        if _is_multiplier(token, value):
            total += max(current, 1) * value
            current = 0
        else:
            current += value
    return total + current if seen else None


def _blank_crowd_sizes(text: str) -> str:
    """Crowd sizes and dates blanked: neither counts anyone."""
    # blanking (not deleting) keeps every character offset valid for the spans we return
    blank = _CROWD_RE.sub(lambda m: " " * len(m.group(0)), text)
    return _DATE_RE.sub(lambda m: " " * len(m.group(0)), blank)


def _plausible_number(text: str, start: int, end: int) -> bool:
    """False for years and identifiers, which look like numbers but never count people."""
    token = text[start:end].replace(",", "")
    if _IDS_BEFORE_RE.search(text[max(0, start - 14):start]):
        return False
    if _YEAR_RE.match(token):
        after = text[end:end + 30]
        return re.match(rf"\s+(?:{_MODS})?{_PERSON}", after, re.I) is not None
    return True


def _bounds(qualifier: str | None, low: int, high: int | None) -> tuple[int, int, int, str]:
    q = " ".join((qualifier or "").lower().split())
    if high is not None and high >= low:
        return low, (low + high) // 2, high, _PLAIN
    if q in ("up to", "as many as", "at most"):
        return 1, low, low, _UP_TO
    return low, low, low, _PLAIN


def _who(group_text: str) -> str | None:
    words = _WORD_RE.findall(group_text.lower())
    nouns = [w for w in words if w in _PERSON_SET]
    return nouns[-1] if nouns else None


_PERSON_SET = frozenset(_PERSON_NOUNS)


def _group_key(who: str | None) -> str | None:
    if who is None:
        return None
    singular = _IRREGULAR_SINGULAR.get(who)
    if singular is None:
        singular = who[:-1] if who.endswith("s") and not who.endswith("ss") else who
    return None if singular in _GENERIC_NOUNS else singular


def _groups_in(text: str, offset: int, start: int, end: int) -> list[tuple[int, int, int, str, str | None]]:
    """(low, best, high, qualifier, who) for each victim group listed in text[start:end]."""
    found: list[tuple[int, int, int, str, str | None]] = []
    chunk = text[start:end]
    for m in _GROUP_RE.finditer(chunk):
        if m.group("single"):
            found.append((1, 1, 1, _PLAIN, _who(m.group("single"))))
            continue
        if m.group("definite"):
            found.append((1, 1, 1, _ANAPHORIC, _who(m.group("definite"))))
            continue
        n = parse_number(m.group("n"))
        if n is None or not _plausible_number(text, offset + start + m.start("n"), offset + start + m.end("n")):
            continue
        high = parse_number(m.group("n2")) if m.group("n2") else None
        low, best, hi, qual = _bounds(m.group("q"), n, high)
        tail = chunk[m.end():m.end() + 60]
        who_match = re.match(rf"\s+(?:of\s+(?:them|whom|those|the\s+{_MODS}{_PERSON})|{_MODS}{_PERSON})", tail, re.I)
        who = _who(who_match.group(0)) if who_match else None
        if who in ("others", "other"):
            qual = qual or _OTHERS
        found.append((low, best, hi, qual, who))
    return found


def _combine(groups: list[tuple[int, int, int, str, str | None]]) -> tuple[int, int, int, str, str | None]:
    low = sum(g[0] for g in groups)
    best = sum(g[1] for g in groups)
    high = sum(g[2] for g in groups)
    quals = {g[3] for g in groups}
    qual = next(iter(quals)) if len(quals) == 1 and quals & {_UP_TO, _OTHERS, _ANAPHORIC} else _PLAIN
    whos = {g[4] for g in groups}
    who = groups[0][4] if len(whos) == 1 else None
    if len(groups) > 1 and len(whos) > 1:
        # a listed mix of victims is its own group, never the same as any one noun in it
        who = " and ".join(sorted(w or "?" for w in whos))
    return low, best, high, qual, who


def _bare_ok(text: str, end: int, group_text: str) -> bool:
    """A number with no victim noun after an active verb must close its phrase."""
    if _who(group_text) is not None or re.search(r"\bof\s+(?:them|whom|those)\s*$", group_text, re.I):
        return True
    if re.search(r"(?-i:[A-Z][\w'’&/-]*)\s*$", group_text) and re.search(r"\d|\s", group_text.strip()):
        return True
    return re.match(_BARE_END, text[end:], re.I) is not None


def _count(kind: str, text: str, start: int, end: int, groups: list, extra_qual: str = "") -> CasualtyCount | None:
    if not groups:
        return None
    low, best, high, qual, who = _combine(groups)
    return CasualtyCount(kind, low, best, high, start, end, text[start:end], who, extra_qual or qual)


def _candidates(text: str) -> list[tuple[int, CasualtyCount]]:
    """Every figure any rule supports, with a priority (lower wins when spans overlap)."""
    out: list[tuple[int, CasualtyCount]] = []

    def add(priority: int, count: CasualtyCount | None) -> None:
        if count is not None:
            out.append((priority, count))

    for m in _CODED_RE.finditer(text):
        name = "n" if m.group("n") else "n2"
        value = parse_number(m.group(name))
        if value is not None:
            add(0, CasualtyCount(KILLED, value, value, value, m.start(), m.end(), m.group(0), None, _CODED))
    for m in _TALLY_RE.finditer(text):
        if _plausible_number(text, m.start("n"), m.end("n")):
            value = int(m.group("n").replace(",", ""))
            add(1, CasualtyCount(KILLED, value, value, value, m.start(), m.end(), m.group(0), None, _TALLY))
    for m in _NEGATION_RE.finditer(text):
        word = (m.group("w") or m.group("w2") or m.group("w3")).lower()
        kinds = [KILLED, INJURED] if word.startswith("casualt") else (
            [INJURED] if re.search(r"injur|hurt|wound", word) else [KILLED]
        )
        for kind in kinds:
            add(1, CasualtyCount(kind, 0, 0, 0, m.start(), m.end(), m.group(0), None, _NEGATED))
    for m in _TOLL_RE.finditer(text):
        value = parse_number(m.group("n"))
        if value is not None and _plausible_number(text, m.start("n"), m.end("n")):
            high = parse_number(m.group("n2")) if m.group("n2") else None
            low, best, hi, qual = _bounds(m.group("q"), value, high)
            add(2, CasualtyCount(KILLED, low, best, hi, m.start(), m.end(), m.group(0), None, _TOTAL))
    for m in _LEAVING_RE.finditer(text):
        kind = KILLED if m.group("v").lower() == "dead" else INJURED
        add(2, _count(kind, text, m.start(), m.end(), _groups_in(text, 0, m.start("g"), m.end("g"))))
    for m in _BODIES_RE.finditer(text):
        if m.group("num"):
            groups = _groups_in(text, 0, m.start("num"), m.end("num"))
            add(2, _count(KILLED, text, m.start(), m.end(), groups))
        else:
            add(2, _count(KILLED, text, m.start(), m.end(), _groups_in(text, 0, m.start("g"), m.end("g"))))
    for kind in (KILLED, INJURED):
        for m in _PASSIVE_RE[kind].finditer(text):
            add(3, _count(kind, text, m.start(), m.end(), _groups_in(text, 0, m.start("g"), m.end("g"))))
        for m in _ACTIVE_RE[kind].finditer(text):
            if re.search(r"\band\s*$", text[max(0, m.start() - 12):m.start()], re.I) and kind == INJURED:
                # "killing and injuring N": one mixed figure; ACLED cannot read fatalities from it
                if re.search(r"(?:killed|killing)\s+and\s*$", text[max(0, m.start() - 20):m.start()], re.I):
                    continue
            if not _bare_ok(text, m.end("g"), m.group("g")):
                continue
            add(3, _count(kind, text, m.start(), m.end(), _groups_in(text, 0, m.start("g"), m.end("g"))))
        for m in _DEFINITE_RE[kind].finditer(text):
            group = m.group("g1") or m.group("g2")
            add(4, CasualtyCount(kind, 1, 1, 1, m.start(), m.end(), m.group(0), _who(group), _ANAPHORIC))
    for m in _OPEN_SINGLE_RE.finditer(text):
        qual = _ANAPHORIC if m.group("det").lower() == "the" else _PLAIN
        add(5, CasualtyCount(KILLED, 1, 1, 1, m.start(), m.end(), m.group(0), _who(m.group(0)) or "#open", qual))
    for kind, pattern in _PRONOUN_RE.items():
        for m in pattern.finditer(text):
            add(4, CasualtyCount(kind, 1, 1, 1, m.start(), m.end(), m.group(0), None, _ANAPHORIC))
    for m in _SHOT_TO_DEATH_RE.finditer(text):
        name = "g" if m.group("g") else "g2"
        add(3, _count(KILLED, text, m.start(), m.end(), _groups_in(text, 0, m.start(name), m.end(name))))
    for m in _DEATHS_RE.finditer(text):
        value = parse_number(m.group("n"))
        if value is not None and _plausible_number(text, m.start("n"), m.end("n")):
            high = parse_number(m.group("n2")) if m.group("n2") else None
            low, best, hi, qual = _bounds(m.group("q"), value, high)
            add(3, CasualtyCount(KILLED, low, best, hi, m.start(), m.end(), m.group(0), None, qual))
    return out


def _overlaps(a: CasualtyCount, b: CasualtyCount) -> bool:
    return a.start < b.end and b.start < a.end


def find_casualties(text: str) -> list[CasualtyCount]:
    """Every casualty figure in the text, in text order; overlapping readings keep the strongest."""
    return list(_find_casualties(text))


@lru_cache(maxsize=256)  # an event asks for its span's figures, fatalities and injured: read it once
def _find_casualties(text: str) -> tuple[CasualtyCount, ...]:
    if not _MAY_COUNT_RE.search(text):
        return ()
    clean = _blank_crowd_sizes(text)
    candidates = _candidates(clean)
    # stronger rule first, then the longer phrase: a list beats any one of its parts
    candidates.sort(key=lambda pc: (pc[0], -(pc[1].end - pc[1].start), pc[1].start))
    kept: list[CasualtyCount] = []
    for _, count in candidates:
        if any(_overlaps(count, other) and (other.kind == count.kind or count.qualifier == _ANAPHORIC) for other in kept):
            continue
        kept.append(count)
    kept.sort(key=lambda c: (c.start, c.kind))
    return tuple(CasualtyCount(c.kind, c.low, c.best, c.high, c.start, c.end, text[c.start:c.end], c.who, c.qualifier)
                 for c in kept)


def _split_divisor(text: str) -> int:
    for m in _SPLIT_RE.finditer(_blank_crowd_sizes(text)):
        n = parse_number(m.group("n"))
        if n and n > 1:
            return n
    return 1


def _divide(value: int, by: int) -> int:
    # ACLED spreads the remainder over some of the events; rounding to nearest is right for most rows
    return (2 * value + by) // (2 * by) if by > 1 else value


def _fold(counts: list[CasualtyCount], pick: str) -> int:
    """One figure from several: distinct groups add up, conflicting reports of one group take the lowest."""
    def value(c: CasualtyCount) -> int:
        return {"low": c.low, "best": c.best, "high": c.high, "coded": c.coded}[pick]

    lowest = pick != "high"
    for tier in (_CODED, _TALLY):
        tiered = [c for c in counts if c.qualifier == tier]
        if tiered:
            values = [value(c) for c in tiered]
            return min(values) if lowest else max(values)
    counts = [c for c in counts if c.qualifier != _NEGATED]
    if any(c.qualifier != _ANAPHORIC for c in counts):
        # "the man died" after any counted figure is that figure again, not a new victim
        counts = [c for c in counts if c.qualifier != _ANAPHORIC]
    totals: list[int] = []
    groups: dict[str, list[int]] = {}
    for i, c in enumerate(counts):
        key = _group_key(c.who)
        if c.qualifier == _OTHERS:
            groups.setdefault(f"#others{i}", []).append(value(c))
        elif key is None or c.qualifier == _TOTAL:
            totals.append(value(c))
        else:
            groups.setdefault(key, []).append(value(c))
    pick_one = min if lowest else max
    by_group = sum(pick_one(v) for v in groups.values())
    overall = pick_one(totals) if totals else 0
    return max(by_group, overall)


def _is_cause(text: str, count: CasualtyCount) -> bool:
    """True for a death a protest is about ("rallied after police killed a man"): not its outcome."""
    sentence_start = max(text.rfind(". ", 0, count.start), text.rfind("\n", 0, count.start)) + 1
    sentence_end = text.find(". ", count.end)
    sentence = text[sentence_start:sentence_end if sentence_end >= 0 else len(text)]
    if not (_PROTEST_NOTE_RE.search(text) or _PROTEST_RE.search(sentence)):
        return False
    return _CAUSE_RE.search(text[sentence_start:count.start]) is not None


def _outcomes(text: str, kind: str) -> list[CasualtyCount]:
    return [c for c in find_casualties(text) if c.kind == kind and not _is_cause(text, c)]


def _killed(text: str) -> list[CasualtyCount]:
    return _outcomes(text, KILLED)


def fatalities_acled(text: str) -> int:
    """ACLED's fatality number for the text: 0 when none is reported."""
    return _divide(_fold(_killed(text), "coded"), _split_divisor(text))


def fatality_range(text: str) -> tuple[int, int, int]:
    """(low, best, high) over the text's killed figures; (0, 0, 0) when none is reported."""
    killed = _killed(text)
    by = _split_divisor(text)
    return tuple(_divide(_fold(killed, pick), by) for pick in ("low", "best", "high"))  # type: ignore[return-value]


def injured_total(text: str) -> int:
    """Injured people reported in the text, folded like fatalities; 0 when none is reported."""
    injured = _outcomes(text, INJURED)
    return _fold(injured, "coded")
