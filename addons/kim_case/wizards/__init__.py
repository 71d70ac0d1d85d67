from . import kim_case_contact_bulk
