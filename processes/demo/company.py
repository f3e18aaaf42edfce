"""The demo company's records: who it sells to and buys from, what it makes, what it holds.

Read by `manage.py seed_demo_company`. The oak desk is made from a desk frame (itself made
of steel tubes and screws) and a bought-in oak tabletop: a two-level bill of materials,
which the production app describes.
"""

from decimal import Decimal as D

FUNNEL = [
    # name, order, probability %, won, lost
    ("New lead", 10, 10, False, False),
    ("Qualified", 20, 25, False, False),
    ("Proposal sent", 30, 50, False, False),
    ("Negotiation", 40, 75, False, False),
    ("Won", 90, 100, True, False),
    ("Lost", 99, 0, False, True),
]

PRICE_LIST = "Wholesale"
WHOLESALE_CUSTOMERS = {"Harbor Logistics", "Ivy Coworking", "Juniper Hotels"}
# Who looks after a customer (alice sells; erin, the manager, keeps the biggest accounts)
# and the words they are filed under.
CUSTOMER_OWNERS = [("Harbor Logistics", "erin"), ("Juniper Hotels", "erin")]
DEFAULT_OWNER = "alice"
CUSTOMER_TAGS = [
    ("Acme Corporation", ("Key account",)),
    ("Harbor Logistics", ("Key account", "Reseller")),
    ("Ivy Coworking", ("Reseller", "Trade fair 2026")),
    ("Juniper Hotels", ("Key account", "Reseller")),
    ("Kestrel Software", ("Trade fair 2026",)),
    ("Laura Meyer", ("Private customer",)),
]

# Each customer's billing address (street, postcode, town), in the demo company's country.
CUSTOMER_STREETS = [
    ("Friedrichstraße 12", "10117", "Berlin"),
    ("Lindenallee 4", "50968", "Köln"),
    ("Maximilianstraße 31", "80539", "München"),
    ("Schillerplatz 7", "70173", "Stuttgart"),
    ("Am Schulberg 2", "65183", "Wiesbaden"),
    ("Kastanienweg 19", "04109", "Leipzig"),
    ("Jungfernstieg 40", "20354", "Hamburg"),
    ("Hafenstraße 88", "28217", "Bremen"),
    ("Königsallee 60", "40212", "Düsseldorf"),
    ("Goethestraße 15", "60313", "Frankfurt am Main"),
    ("Wilhelmstraße 5", "69115", "Heidelberg"),
    ("Rosenweg 3", "01067", "Dresden"),
]

# name, kind, tax id, contact, job title, channels (kind, value)
CUSTOMERS = [
    (
        "Acme Corporation",
        "company",
        "DE811234501",
        "Maria Lopez",
        "Office manager",
        [("email", "maria.lopez@acme.example"), ("phone", "+49 30 5550101")],
    ),
    (
        "Birchwood Architects",
        "company",
        "DE811234502",
        "Tom Becker",
        "Partner",
        [("email", "tom@birchwood.example"), ("mobile", "+49 170 5550102")],
    ),
    (
        "Cobalt Consulting",
        "company",
        "DE811234503",
        "Nina Petrova",
        "Head of operations",
        [("email", "nina.petrova@cobalt.example"), ("messenger", "@nina.cobalt")],
    ),
    (
        "Delta Dental Clinic",
        "company",
        "DE811234504",
        "Dr. Jonas Weber",
        "Owner",
        [("email", "praxis@deltadental.example"), ("phone", "+49 40 5550104")],
    ),
    (
        "Evergreen Schools",
        "company",
        "DE811234505",
        "Sarah Kim",
        "Procurement",
        [("email", "procurement@evergreen.example"), ("website", "https://evergreen.example")],
    ),
    (
        "Foxglove Design Studio",
        "company",
        "DE811234506",
        "Lena Fischer",
        "Studio lead",
        [("email", "lena@foxglove.example"), ("social", "linkedin.com/in/lenafischer")],
    ),
    (
        "Granite Law Partners",
        "company",
        "DE811234507",
        "Paul Schmidt",
        "Office manager",
        [("email", "p.schmidt@granitelaw.example"), ("phone", "+49 89 5550107")],
    ),
    (
        "Harbor Logistics",
        "company",
        "DE811234508",
        "Ole Hansen",
        "Facility manager",
        [("email", "ole.hansen@harbor.example"), ("mobile", "+49 171 5550108")],
    ),
    (
        "Ivy Coworking",
        "company",
        "DE811234509",
        "Mia Wagner",
        "Community manager",
        [("email", "mia@ivycowork.example"), ("phone", "+49 221 5550109")],
    ),
    (
        "Juniper Hotels",
        "company",
        "DE811234510",
        "Carlos Diaz",
        "Purchasing",
        [("email", "purchasing@juniper.example"), ("phone", "+49 69 5550110")],
    ),
    (
        "Kestrel Software",
        "company",
        "DE811234511",
        "Anna Novak",
        "People & places",
        [("email", "anna.novak@kestrel.example"), ("messenger", "@anna.kestrel")],
    ),
    (
        "Laura Meyer",
        "person",
        "",
        "Laura Meyer",
        "",
        [("email", "laura.meyer@mail.example"), ("mobile", "+49 172 5550112")],
    ),
]

SUPPLIERS = [
    ("Nordic Timber AB", "SE556677001", "Erik Lund", [("email", "orders@nordictimber.example")]),
    ("Steelworks GmbH", "DE812000002", "Kai Richter", [("email", "sales@steelworks.example")]),
    ("FastFix Fasteners", "DE812000003", "Ute Braun", [("email", "shop@fastfix.example")]),
    ("Office Supply Co", "DE812000004", "Ben Taylor", [("email", "b2b@officesupply.example")]),
]

# sku, name, kind, unit, list price, standard cost, weight kg, default supplier
PRODUCTS = [
    ("OAK-DESK", "Oak desk", "manufactured", "pcs", D("890.00"), D("420.00"), D("38.0"), None),
    ("DESK-FRAME", "Desk frame", "manufactured", "pcs", D("260.00"), D("140.00"), D("16.0"), None),
    (
        "OAK-TOP",
        "Oak tabletop 160x80",
        "purchased",
        "pcs",
        D("320.00"),
        D("180.00"),
        D("21.0"),
        "Nordic Timber AB",
    ),
    (
        "STEEL-TUBE",
        "Steel tube 40x40 mm",
        "purchased",
        "m",
        D("12.00"),
        D("6.50"),
        D("1.8"),
        "Steelworks GmbH",
    ),
    (
        "SCREW-M6",
        "Screw M6x20",
        "purchased",
        "pcs",
        D("0.20"),
        D("0.05"),
        D("0.004"),
        "FastFix Fasteners",
    ),
    (
        "CHAIR-ERGO",
        "Ergonomic office chair",
        "stocked",
        "pcs",
        D("349.00"),
        D("190.00"),
        D("17.5"),
        "Office Supply Co",
    ),
    (
        "LAMP-LED",
        "LED desk lamp",
        "stocked",
        "pcs",
        D("59.00"),
        D("24.00"),
        D("1.2"),
        "Office Supply Co",
    ),
    (
        "PEDESTAL-3",
        "Three-drawer pedestal",
        "stocked",
        "pcs",
        D("199.00"),
        D("95.00"),
        D("24.0"),
        "Office Supply Co",
    ),
    (
        "CABLE-TRAY",
        "Cable tray",
        "stocked",
        "pcs",
        D("29.00"),
        D("11.00"),
        D("0.9"),
        "Office Supply Co",
    ),
]

WAREHOUSES = [("WH1", "Main warehouse"), ("WH2", "Showroom store")]

OPENING_STOCK = "Opening stock"
# sku, warehouse code, quantity
STOCK = [
    ("OAK-DESK", "WH1", D("3")),
    ("OAK-DESK", "WH2", D("1")),
    ("DESK-FRAME", "WH1", D("4")),
    ("OAK-TOP", "WH1", D("6")),
    ("STEEL-TUBE", "WH1", D("120")),
    ("SCREW-M6", "WH1", D("2000")),
    ("CHAIR-ERGO", "WH1", D("25")),
    ("CHAIR-ERGO", "WH2", D("5")),
    ("LAMP-LED", "WH1", D("40")),
    ("LAMP-LED", "WH2", D("10")),
    ("PEDESTAL-3", "WH1", D("12")),
    ("CABLE-TRAY", "WH1", D("8")),
]

# sku, warehouse code, min, max — the oak tabletops and cable trays start below minimum.
REORDER_RULES = [
    ("OAK-TOP", "WH1", D("8"), D("20")),
    ("STEEL-TUBE", "WH1", D("50"), D("200")),
    ("SCREW-M6", "WH1", D("500"), D("5000")),
    ("CHAIR-ERGO", "WH1", D("10"), D("40")),
    ("LAMP-LED", "WH1", D("10"), D("60")),
    ("CABLE-TRAY", "WH1", D("20"), D("80")),
]

# sku, min quantity, price
WHOLESALE_PRICES = [
    ("OAK-DESK", D("0"), D("820.00")),
    ("OAK-DESK", D("10"), D("780.00")),
    ("CHAIR-ERGO", D("0"), D("315.00")),
    ("CHAIR-ERGO", D("10"), D("295.00")),
    ("LAMP-LED", D("0"), D("52.00")),
    ("PEDESTAL-3", D("0"), D("179.00")),
]

# customer, sku, fixed price, discount %
CUSTOMER_PRICES = [
    ("Acme Corporation", "OAK-DESK", D("799.00"), None),
    ("Juniper Hotels", "CHAIR-ERGO", None, D("12.00")),
]

# customer, title, amount, stage, lost reason
DEALS = [
    ("Acme Corporation", "New office floor: 20 desks", D("16000.00"), "Proposal sent", ""),
    ("Kestrel Software", "Standing desks for the dev team", D("8900.00"), "Qualified", ""),
    ("Evergreen Schools", "Teachers' room refit", D("5400.00"), "Negotiation", ""),
    ("Harbor Logistics", "Chairs for the dispatch office", D("3150.00"), "Won", ""),
    ("Granite Law Partners", "Reception desk", D("1800.00"), "Lost", "Chose a local carpenter"),
    ("Ivy Coworking", "Second location furniture", D("24000.00"), "New lead", ""),
]

# customer, kind, summary
INTERACTIONS = [
    ("Acme Corporation", "meeting", "Walked through the new floor plan; 20 desks, 20 chairs."),
    ("Acme Corporation", "email", "Sent the quotation for the oak desks."),
    ("Kestrel Software", "call", "Asked about height-adjustable frames; call back next week."),
    ("Harbor Logistics", "note", "Prefers delivery before 10 am at gate 3."),
]

# Bills of materials: product, [(component, quantity per unit)]. Two levels for the oak desk:
# the desk is a frame, a tabletop and its screws; the frame is steel tube and screws.
BOMS = [
    ("OAK-DESK", [("DESK-FRAME", D("1")), ("OAK-TOP", D("1")), ("SCREW-M6", D("8"))]),
    ("DESK-FRAME", [("STEEL-TUBE", D("6")), ("SCREW-M6", D("16"))]),
]

# Documents in different states (no process instances). Each is found again by its note,
# so seeding twice adds nothing.
# note, customer, [(sku, quantity)], state: draft / sent / rejected
QUOTATIONS = [
    ("Demo: standing desks", "Kestrel Software", [("OAK-DESK", D("6"))], "sent"),
    (
        "Demo: meeting room",
        "Cobalt Consulting",
        [("CHAIR-ERGO", D("8")), ("LAMP-LED", D("4"))],
        "draft",
    ),
    ("Demo: reception", "Granite Law Partners", [("OAK-DESK", D("1"))], "rejected"),
]
# note, customer, [(sku, quantity)], state: draft / reserved / delivered (invoiced, half paid)
ORDERS = [
    ("Demo: pedestals", "Evergreen Schools", [("PEDESTAL-3", D("2"))], "draft"),
    ("Demo: floor chairs", "Acme Corporation", [("CHAIR-ERGO", D("4"))], "reserved"),
    ("Demo: dispatch lamps", "Harbor Logistics", [("LAMP-LED", D("5"))], "delivered"),
]
# A purchase order sent to the supplier for the tabletops below their reorder minimum.
PURCHASE_SKU = "OAK-TOP"
# A planned manufacturing order: note (its reference), sku, quantity.
MANUFACTURING = ("Demo: desks for stock", "OAK-DESK", D("2"))
# Why the customer of the rejected quotation said no.
REJECT_REASON = "Went with a local carpenter"

# The company's own details, printed on its documents (docs/taxes.md "Company details").
CURRENCY = "EUR"
PRICE_FACTOR = D("1")
COUNTRY = "DE"
DETAILS = {
    "legal_name": "Oakline Office Furniture GmbH",
    "address": "Holzmarktstraße 12\n10179 Berlin\nGermany",
    "country": "DE",
    "registration_number": "HRB 212345 B",
    "tax_id": "DE811999992",
    "email": "office@oakline.example",
    "phone": "+49 30 5550100",
    "bank_name": "Commerzbank Berlin",
    "iban": "DE89370400440532013000",
    "bic": "COBADEFFXXX",
}
# name, rate %, country; the first is every product's rate.
TAX_RATES = [
    ("VAT 19 %", D("19"), "DE"),
    ("VAT 7 %", D("7"), "DE"),
    ("VAT 0 %", D("0"), "DE"),
]
