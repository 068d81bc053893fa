"""The download link of one delivery: a token signed with the app's secret key, naming the
delivery, so that each recipient's link is their own and nobody can make one up. It works
until its sending's ``links_expire_at`` (checked on each use against the clock, so an admin
can see in the sending when links stop working)."""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeSerializer

_SALT = "sir-tracker report delivery"


@dataclass(frozen=True)
class DeliveryLinks:
    secret_key: str

    def _serializer(self) -> URLSafeSerializer:
        return URLSafeSerializer(self.secret_key, salt=_SALT)

    def token(self, delivery_id: int) -> str:
        return str(self._serializer().dumps(delivery_id))

    def delivery_id(self, token: str) -> int | None:
        """The delivery ``token`` names, or None for a token not signed by us."""
        try:
            found = self._serializer().loads(token)
        except BadSignature:
            return None
        return found if isinstance(found, int) and not isinstance(found, bool) else None
