from fogmap.ingest.boilerplate import is_caption, normalise, separate


def test_wordpress_footer_sets_title_and_outlet_and_leaves_the_body():
    text = "Rebels shelled the town on Monday.\n\nThe post Rebels shell Idlib appeared first on Syria Daily."
    clean = separate(text)
    assert clean.body == "Rebels shelled the town on Monday."
    assert (clean.title, clean.outlet) == ("Rebels shell Idlib", "Syria Daily")


def test_related_links_and_captions_become_asides():
    text = ("Rebels shelled the town on Monday.\nREAD MORE: Ceasefire collapses in Idlib\n"
            "» Related: Who controls Manbij?\nPhoto: Smoke rises over Idlib.\n"
            "Residents inspect the damage (AFP/Omar Haj Kadour)\nThe army said it repelled the attack.")
    clean = separate(text)
    assert clean.body == "Rebels shelled the town on Monday.\nThe army said it repelled the attack."
    kinds = [(a.kind, a.text.split()[0]) for a in clean.asides]
    assert kinds == [("related_link", "READ"), ("related_link", "»"), ("caption", "Photo:"), ("caption", "Residents")]


def test_reporting_that_mentions_an_agency_is_not_a_caption():
    assert not is_caption("Five people were killed in the blast, AFP reported, citing a local official.")
    assert not is_caption("More news: the more fighters arrived, the worse the shelling became.")
    assert not is_caption("The strike hit a market in Idlib (SANA).")


def test_breaking_lines_mid_text_are_asides_but_words_like_more_are_not():
    clean = separate("BREAKING: Explosion in Kabul\nMore than 40 people were killed.")
    assert clean.body == "More than 40 people were killed."
    assert [a.kind for a in clean.asides] == ["related_link"]


def test_normalise_keeps_paragraphs_and_drops_extra_blank_lines():
    assert normalise("a  \r\n\r\n\r\nb\rc\n\n") == "a\n\nb\nc"
