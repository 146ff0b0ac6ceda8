"""``accord bargain``: is there a deal every veto player accepts, what would it take, when?"""

from __future__ import annotations

from typing import Annotated

import typer

from accord.bargaining.staged import analysis_document
from accord.cli.app import Format, FormatOption, command, emit_page, note
from accord.cli.inputs import input_text, load_input
from accord.cli.options import (
    DISAGREEMENT,
    HORIZON,
    LOSS,
    POWER,
    DisagreementOption,
    HorizonOption,
    LossOption,
    NoDealOption,
    PowerOption,
    ScenarioArg,
    VariantOption,
    WeightedOption,
    bargain_settings,
)
from accord.cli.store import DbOption, NoStoreOption, recorder
from accord.reports.bargain_view import bargain_blocks
from accord.reports.document import Page, Paragraph
from accord.reports.robustness_view import depends_on
from accord.reports.run_view import title_of
from accord.scenario.edits import apply_variant
from accord.workflows.analysis import analyse
from accord.workflows.robustness import robustness, tipping_record
from accord.workflows.settings import AnalysisSettings
from accord.workflows.specs import bargain_spec


@command("bargain", help="The bargaining space: per issue the zone every veto player accepts "
                         "(ZOPA), the verdict (deal possible / no deal) with the red lines that "
                         "block, the smallest concessions that open a zone, the Nash bargaining "
                         "solution, and the first month a zone opens as the stated costs of no "
                         "deal move red lines.\n\n"
                         "Examples: `accord bargain`; `accord bargain FILE.yaml --loss "
                         "quadratic -f json`; `accord bargain --weighted --horizon 120`. "
                         "See docs/bargaining.md.")
def bargain(
    scenario: ScenarioArg = None,
    variant: VariantOption = None,
    loss: LossOption = LOSS,
    no_deal_rule: DisagreementOption = DISAGREEMENT,
    no_deal: NoDealOption = None,
    power: PowerOption = POWER,
    weighted: WeightedOption = False,
    horizon: HorizonOption = HORIZON,
    tipping: Annotated[bool, typer.Option(
        "--tipping/--no-tipping", help="Name the numbers the verdict depends on: the red "
                                       "lines and cost drifts of the veto players within "
                                       "reach of a tipping point (`accord tipping` lists "
                                       "every number's).")] = True,
    fmt: FormatOption = Format.table,
    no_store: NoStoreOption = False,
    db: DbOption = None,
) -> None:
    options = bargain_settings(loss=loss, disagreement=no_deal_rule, no_deal=no_deal,
                               power=power, weighted=weighted, horizon=horizon)
    settings = AnalysisSettings(models=(), bargain=options, record=not no_store)
    loaded = load_input(scenario)
    for text in loaded.notes:
        note(text)
    scn, file_text = loaded.scenario, input_text(scenario, loaded)
    if variant is not None:  # the variant is recorded as its own scenario (canonical YAML)
        scn, file_text = apply_variant(scn, variant), None
    if scn.is_uncertain():
        note("the scenario has distributions; the bargaining analysis uses their point values "
             "(`accord mc` gives the probability of each verdict)")
    with recorder(db, settings.record, bargain_spec(scn, options), scn, file_text) as rec:
        bargaining = analyse(scn, settings).bargaining
        assert bargaining is not None  # the settings ask for it
        doc = analysis_document(bargaining)
        rec.finish(doc)
    blocks = bargain_blocks(scn, doc)
    document = doc.model_dump(mode="json")
    if tipping:
        r = robustness(scn, settings, ("reservation", "drift"), players_only=True,
                       within_reach=True)
        lead = depends_on(r)
        if lead:
            blocks.insert(2, Paragraph(lead, lead="Knife-edge."))
        document["knife_edges"] = [tipping_record(t) for t in r.knife_edges]
    page = Page(("Bargaining space: " if fmt is Format.markdown else "") + title_of(scn),
                tuple(blocks))
    emit_page(page, fmt, document)
