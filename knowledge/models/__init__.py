from .activities import (
    ActivityKind,
    ActivityMaterial,
    ActivitySpeaker,
    LearningActivityIndexPage,
    LearningActivityPage,
    Registration,
    RegistrationStatus,
)
from .calendar_feeds import PersonalCalendarFeed
from .documents import DocumentText, ExtractionStatus
from .products import (
    KnowledgeIndexPage,
    KnowledgeProductPage,
    ProductAuthor,
    ProductDownload,
    ProductRelatedPage,
    ProductType,
)
from .taxonomy import Audience, Theme
from .workflow import PeerReviewTask

__all__ = [
    "ActivityKind",
    "ActivityMaterial",
    "ActivitySpeaker",
    "Audience",
    "DocumentText",
    "ExtractionStatus",
    "KnowledgeIndexPage",
    "KnowledgeProductPage",
    "LearningActivityIndexPage",
    "LearningActivityPage",
    "PeerReviewTask",
    "PersonalCalendarFeed",
    "ProductAuthor",
    "ProductDownload",
    "ProductRelatedPage",
    "ProductType",
    "Registration",
    "RegistrationStatus",
    "Theme",
]
