# reunify as a container image, for docker-compose.yml. Built from source with the Maven wrapper.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl app -am package

FROM eclipse-temurin:17-jre
# curl for the health checks of docker-compose.yml.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
# Named volumes take the ownership of these directories, so the unprivileged user can write to them.
RUN useradd --system --home-dir /data reunify && mkdir -p /data/tallies /data/streams && chown -R reunify /data
COPY --from=build /src/app/target/reunify.jar /opt/reunify/reunify.jar
USER reunify
WORKDIR /data
EXPOSE 8080 9464 9465
ENTRYPOINT ["java", "-jar", "/opt/reunify/reunify.jar"]
