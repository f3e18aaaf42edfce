"""The demo company as a French furniture maker in Paris, selling in euros with French VAT."""

from decimal import Decimal as D

from stdnum import luhn
from stdnum.fr import siren

CURRENCY = "EUR"
PRICE_FACTOR = D("1")
COUNTRY = "FR"

_SIREN = "80123456"
DETAILS = {
    "legal_name": "Chênelin Mobilier SAS",
    "address": "12 rue du Faubourg Saint-Antoine\n75012 Paris\nFrance",
    "country": "FR",
    "registration_number": "",  # filled in below: RCS Paris and the SIREN
    "tax_id": "",
    "email": "contact@chenelin.example",
    "phone": "+33 1 55 50 01 00",
    "bank_name": "Crédit Agricole Île-de-France",
    "iban": "FR1420041010050500013M02606",
    "bic": "AGRIFRPP",
}

# name, rate %, country; the first is every product's rate.
TAX_RATES = [
    ("TVA 20 %", D("20"), "FR"),
    ("TVA 10 %", D("10"), "FR"),
    ("TVA 5,5 %", D("5.5"), "FR"),
    ("TVA 0 %", D("0"), "FR"),
]


# Each customer's billing address (street, postcode, town), in the same order as the English.
STREETS = [
    ("12 rue de Rivoli", "75001", "Paris"),
    ("4 cours Mirabeau", "13100", "Aix-en-Provence"),
    ("31 rue de la République", "69002", "Lyon"),
    ("7 place Kléber", "67000", "Strasbourg"),
    ("2 allée des Écoles", "44000", "Nantes"),
    ("19 rue Sainte-Catherine", "33000", "Bordeaux"),
    ("40 quai des Chartrons", "33300", "Bordeaux"),
    ("88 boulevard de la Croisette", "06400", "Cannes"),
    ("60 rue Nationale", "59800", "Lille"),
    ("15 promenade des Anglais", "06000", "Nice"),
    ("5 rue du Capitole", "31000", "Toulouse"),
    ("3 rue des Lilas", "35000", "Rennes"),
]


def tax_id(number: int) -> str:
    """The intra-community VAT number of the demo party `number` (valid check digits)."""
    base = f"{80200000 + number:08d}"
    return "FR" + siren.to_tva(base + luhn.calc_check_digit(base))


def phone(english: str) -> str:
    return "+33 1 55 50 01 " + english[-2:]


_company = _SIREN + luhn.calc_check_digit(_SIREN)
DETAILS["registration_number"] = f"RCS Paris {siren.format(_company)}"
DETAILS["tax_id"] = "FR" + siren.to_tva(_company)

NAMES = {
    # customer tags
    "Key account": "Grand compte",
    "Reseller": "Revendeur",
    "Trade fair 2026": "Salon 2026",
    "Private customer": "Particulier",
    # funnel, price list, warehouses, stock
    "New lead": "Nouveau prospect",
    "Qualified": "Qualifié",
    "Proposal sent": "Proposition envoyée",
    "Negotiation": "Négociation",
    "Won": "Gagné",
    "Lost": "Perdu",
    "Wholesale": "Prix de gros",
    "Main warehouse": "Entrepôt principal",
    "Showroom store": "Magasin d'exposition",
    "Opening stock": "Stock initial",
    # customers, their contacts and job titles
    "Acme Corporation": "Acme France SAS",
    "Maria Lopez": "Marie Laurent",
    "Office manager": "Responsable des services généraux",
    "maria.lopez@acme.example": "marie.laurent@acme.example",
    "Birchwood Architects": "Bouleau Architectes",
    "Tom Becker": "Thomas Bernard",
    "Partner": "Associé",
    "tom@birchwood.example": "thomas@bouleau.example",
    "Cobalt Consulting": "Cobalt Conseil",
    "Nina Petrova": "Nina Petit",
    "Head of operations": "Directrice des opérations",
    "nina.petrova@cobalt.example": "nina.petit@cobalt.example",
    "@nina.cobalt": "@nina.cobalt",
    "Delta Dental Clinic": "Cabinet dentaire Delta",
    "Dr. Jonas Weber": "Dr Jean Moreau",
    "Owner": "Gérant",
    "praxis@deltadental.example": "cabinet@delta-dentaire.example",
    "Evergreen Schools": "Écoles Sempervirens",
    "Sarah Kim": "Sarah Lefèvre",
    "Procurement": "Achats",
    "procurement@evergreen.example": "achats@sempervirens.example",
    "https://evergreen.example": "https://sempervirens.example",
    "Foxglove Design Studio": "Studio Digitale Design",
    "Lena Fischer": "Léna Fournier",
    "Studio lead": "Directrice du studio",
    "lena@foxglove.example": "lena@digitale.example",
    "linkedin.com/in/lenafischer": "linkedin.com/in/lenafournier",
    "Granite Law Partners": "Granit Avocats Associés",
    "Paul Schmidt": "Paul Girard",
    "p.schmidt@granitelaw.example": "p.girard@granit-avocats.example",
    "Harbor Logistics": "Port Logistique",
    "Ole Hansen": "Olivier Garnier",
    "Facility manager": "Responsable des locaux",
    "ole.hansen@harbor.example": "olivier.garnier@port-logistique.example",
    "Ivy Coworking": "Lierre Coworking",
    "Mia Wagner": "Mia Rousseau",
    "Community manager": "Animatrice de communauté",
    "mia@ivycowork.example": "mia@lierre.example",
    "Juniper Hotels": "Hôtels Genévrier",
    "Carlos Diaz": "Charles Dupont",
    "Purchasing": "Service achats",
    "purchasing@juniper.example": "achats@genevrier.example",
    "Kestrel Software": "Crécerelle Logiciels",
    "Anna Novak": "Anne Leroy",
    "People & places": "RH et locaux",
    "anna.novak@kestrel.example": "anne.leroy@crecerelle.example",
    "@anna.kestrel": "@anne.crecerelle",
    "Laura Meyer": "Laure Mercier",
    "laura.meyer@mail.example": "laure.mercier@mail.example",
    # suppliers
    "Nordic Timber AB": "Bois du Nord SARL",
    "Erik Lund": "Éric Lenoir",
    "orders@nordictimber.example": "commandes@boisdunord.example",
    "Steelworks GmbH": "Aciéries de Lorraine SA",
    "Kai Richter": "Claude Richard",
    "sales@steelworks.example": "ventes@acieries-lorraine.example",
    "FastFix Fasteners": "Visserie Rapide",
    "Ute Braun": "Agnès Brun",
    "shop@fastfix.example": "boutique@visserie-rapide.example",
    "Office Supply Co": "Fournitures de Bureau & Cie",
    "Ben Taylor": "Benoît Tailleur",
    "b2b@officesupply.example": "pro@fournitures-bureau.example",
    "Sales": "Commercial",
    # products
    "Oak desk": "Bureau en chêne",
    "Desk frame": "Piètement de bureau",
    "Oak tabletop 160x80": "Plateau en chêne 160x80",
    "Steel tube 40x40 mm": "Tube acier 40x40 mm",
    "Screw M6x20": "Vis M6x20",
    "Ergonomic office chair": "Fauteuil de bureau ergonomique",
    "LED desk lamp": "Lampe de bureau LED",
    "Three-drawer pedestal": "Caisson trois tiroirs",
    "Cable tray": "Goulotte de câbles",
    # deals and what was said
    "New office floor: 20 desks": "Nouvel étage de bureaux : 20 bureaux",
    "Standing desks for the dev team": "Bureaux debout pour l'équipe de développement",
    "Teachers' room refit": "Réaménagement de la salle des professeurs",
    "Chairs for the dispatch office": "Fauteuils pour le bureau d'expédition",
    "Reception desk": "Banque d'accueil",
    "Chose a local carpenter": "A choisi un menuisier local",
    "Second location furniture": "Mobilier du deuxième site",
    "Walked through the new floor plan; 20 desks, 20 chairs.": (
        "Présentation du plan du nouvel étage : 20 bureaux, 20 fauteuils."
    ),
    "Sent the quotation for the oak desks.": "Devis des bureaux en chêne envoyé.",
    "Asked about height-adjustable frames; call back next week.": (
        "Questions sur les piètements réglables en hauteur ; rappeler la semaine prochaine."
    ),
    "Prefers delivery before 10 am at gate 3.": "Préfère une livraison avant 10 h au quai 3.",
    # documents
    "Demo: standing desks": "Démo : bureaux debout",
    "Demo: meeting room": "Démo : salle de réunion",
    "Demo: reception": "Démo : accueil",
    "Demo: pedestals": "Démo : caissons",
    "Demo: floor chairs": "Démo : fauteuils de l'étage",
    "Demo: dispatch lamps": "Démo : lampes de l'expédition",
    "Demo: desks for stock": "Démo : bureaux pour le stock",
    "Went with a local carpenter": "Est parti chez un menuisier local",
}
