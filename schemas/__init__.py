"""The contract: one Pandera schema per published table, and the vocabularies they check.

The bottom of the package: nothing here imports from the rest of tipfacts. `TABLES` is the publishing order.
"""

from tipfacts.schemas.assessments import Assessments
from tipfacts.schemas.country_roles import CountryRoles
from tipfacts.schemas.country_year import CountryYear
from tipfacts.schemas.documents import Documents
from tipfacts.schemas.events import Events
from tipfacts.schemas.facts_consolidated import FactsConsolidated
from tipfacts.schemas.flows import Flows
from tipfacts.schemas.legal_instruments import LegalInstruments
from tipfacts.schemas.organizations import Organizations
from tipfacts.schemas.sentences import Sentences
from tipfacts.schemas.statistics import Statistics

FACT_TABLES = {
    "assessments": Assessments,
    "country_roles": CountryRoles,
    "flows": Flows,
    "legal_instruments": LegalInstruments,
    "events": Events,
    "statistics": Statistics,
    "organizations": Organizations,
}
# Derived tables, built from the validated fact tables (validate stage) and validated in turn.
DERIVED_TABLES = {"country_year": CountryYear, "facts_consolidated": FactsConsolidated}
TABLES = {"documents": Documents, "sentences": Sentences, **FACT_TABLES, **DERIVED_TABLES}
# Three-letter prefix of each fact table's fact_id.
FACT_PREFIX = {
    "assessments": "asm",
    "country_roles": "rol",
    "flows": "flw",
    "legal_instruments": "leg",
    "events": "evt",
    "statistics": "sta",
    "organizations": "org",
}
