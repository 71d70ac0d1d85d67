from . import kim_case_contact_bulk
from . import kim_client_lookup
from . import kim_client_document_print
from . import kim_case_keep_open
from . import kim_case_cover
from . import kim_case_import
from . import kim_case_import_line
from . import kim_case_survey
