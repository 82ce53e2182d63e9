import numpy as np
import pytest

from fogmap.events.model import load_model, train

TRAIN = [
    ("Jets bombed the rebel town at dawn.", "AIR_STRIKE"), ("Warplanes struck a market.", "AIR_STRIKE"),
    ("A drone strike hit a car on the highway.", "AIR_STRIKE"), ("Aircraft pounded the hills.", "AIR_STRIKE"),
    ("Students marched to parliament.", "PEACE_PROTEST"), ("Workers protested outside the factory.", "PEACE_PROTEST"),
    ("Farmers held a sit-in over prices.", "PEACE_PROTEST"), ("Nurses rallied for higher pay.", "PEACE_PROTEST"),
    ("Troops and militants clashed near the dam.", "ARMED_CLASH"), ("Rebels fought soldiers all night.", "ARMED_CLASH"),
    ("A gun battle broke out between police and insurgents.", "ARMED_CLASH"),
    ("Fighters exchanged fire with the army.", "ARMED_CLASH"),
]


def test_a_trained_model_learns_the_labels_and_survives_a_save_and_load(tmp_path):
    model = train([t for t, _ in TRAIN], [label for _, label in TRAIN])
    assert set(model.labels) == {"AIR_STRIKE", "PEACE_PROTEST", "ARMED_CLASH"}
    tests = ["Bombers struck the village.", "Teachers marched against the reform.", "Militants clashed with troops."]
    assert model.predict(tests) == ["AIR_STRIKE", "PEACE_PROTEST", "ARMED_CLASH"]
    path = tmp_path / "m.npz"
    model.save(path)
    again = load_model(path)
    assert again.labels == model.labels and again.trained_on == len(TRAIN)
    assert np.allclose(again.scores(tests), model.scores(tests))


def test_training_needs_two_labels_and_loading_rejects_other_files(tmp_path):
    with pytest.raises(ValueError):
        train(["a", "b"], ["AIR_STRIKE", "AIR_STRIKE"])
    other = tmp_path / "x.npz"
    np.savez(other, meta=np.array('{"format": "something else"}'))
    with pytest.raises(ValueError):
        load_model(other)
