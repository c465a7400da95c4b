"""Presidio's analyzer with its pattern recognizers only: no spaCy model, no NER.

NoOpNlpEngine gives empty NLP artifacts; the registry keeps every predefined
recognizer except the NLP-backed one (SpacyRecognizer and kin)."""
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NoOpNlpEngine

# Presidio entity -> dpk type (types presidio has no recognizer for are absent).
TYPE_MAP = {"EMAIL_ADDRESS": "EMAIL", "PHONE_NUMBER": "PHONE", "IP_ADDRESS": "IP_ADDRESS",
            "CREDIT_CARD": "CREDIT_CARD", "IBAN_CODE": "IBAN", "US_SSN": "US_SSN",
            "MAC_ADDRESS": "MAC_ADDRESS"}


def make_analyzer():
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "none"}])
    nlp.load()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    registry.recognizers = [r for r in registry.recognizers
                            if "Spacy" not in type(r).__name__ and "Nlp" not in type(r).__name__
                            and "Stanza" not in type(r).__name__ and "Transformers" not in type(r).__name__]
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def entities(analyzer):
    return sorted({e for r in analyzer.registry.recognizers for e in r.supported_entities})
