"""Pandera schemas, one module per published table; `TABLES` is the publishing order."""

from schemas.assessments import Assessments
from schemas.country_roles import CountryRoles
from schemas.country_year import CountryYear
from schemas.documents import Documents
from schemas.events import Events
from schemas.flows import Flows
from schemas.legal_instruments import LegalInstruments
from schemas.organizations import Organizations
from schemas.sentences import Sentences
from schemas.statistics import Statistics

FACT_TABLES = {
    "assessments": Assessments,
    "country_roles": CountryRoles,
    "flows": Flows,
    "legal_instruments": LegalInstruments,
    "events": Events,
    "statistics": Statistics,
    "organizations": Organizations,
}
TABLES = {"documents": Documents, "sentences": Sentences, **FACT_TABLES, "country_year": CountryYear}
# Three-letter prefix of each fact table's fact_id.
FACT_PREFIX = {"assessments": "asm", "country_roles": "rol", "flows": "flw", "legal_instruments": "leg",
               "events": "evt", "statistics": "sta", "organizations": "org"}
