# Multi-stage build: the fat jar from Maven, then a slim JRE image.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
# Fonts for the captcha image, curl for the health check.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --system --uid 10001 epupns && mkdir -p /app/data/uploads && chown -R epupns /app
WORKDIR /app
COPY --from=build /src/target/epupns.jar /app/epupns.jar
COPY config /app/config
USER epupns
ENV EPUPNS_CONFIG_DIR=/app/config \
    EPUPNS_UPLOADS_DIRECTORY=/app/data/uploads \
    # Sized for a 512 MB container: 288 MB heap (Argon2 takes 19 MiB per hashing thread), the rest
    # for Netty's direct buffers, metaspace, code cache and threads.
    JAVA_TOOL_OPTIONS="-Xmx288m -Xms288m -XX:MaxDirectMemorySize=64m -XX:ReservedCodeCacheSize=48m -XX:MaxMetaspaceSize=96m -Xss512k -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/health || exit 1
ENTRYPOINT ["java", "-jar", "/app/epupns.jar"]
