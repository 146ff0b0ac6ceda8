"""On a large upload the results and actors pages leave out, by default, a model that would
take minutes (SMP's O(N^3) at 400 actors), say so, and run it when it is ticked."""

from __future__ import annotations

from tests.unit.bargaining.test_scale import _bench
from tests.unit.web.helpers import Dashboard, text_of

NOTICE = "Left out smp: about 32 s on 400 actors (tick it under Models to run it anyway)."


def test_a_slow_model_is_left_out_with_a_notice(web: Dashboard) -> None:
    csv = _bench().bdm_csv(400)
    location = web.post("/scenarios/upload", files={"file": ("big.csv", csv.encode())})
    assert location.status_code == 303
    ref = location.headers["location"].split("/")[2].split("?")[0]
    results = web.client.get(f"/s/{ref}/results")
    assert results.status_code == 200
    page = text_of(results.text)
    assert NOTICE in page
    assert 'name="model" value="smp" checked' not in results.text      # unticked in the form
    assert 'name="model" value="eum" checked' in results.text
    actors = web.client.get(f"/s/{ref}/actors")
    assert actors.status_code == 200 and NOTICE in text_of(actors.text)
    # the built-in case keeps every model and says nothing
    builtin = web.client.get("/s/ukraine-2025-12/results")
    assert "Left out" not in text_of(builtin.text)
